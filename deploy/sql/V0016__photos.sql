-- Issue 14: photos the system stores itself. An upload is decoded, stripped of all metadata (EXIF with its GPS
-- position and camera make and model, XMP, IPTC), re-encoded as JPEG with a thumbnail, and only then written here:
-- a refused upload leaves no row. The id is 128 random bits in hex, so an id cannot be guessed from another.
CREATE TABLE IF NOT EXISTS photos
(
    photo_id          text        PRIMARY KEY CHECK (photo_id ~ '^[0-9a-f]{32}$'),
    content_type      text        NOT NULL,
    image             bytea       NOT NULL,
    width             integer     NOT NULL CHECK (width > 0),
    height            integer     NOT NULL CHECK (height > 0),
    thumbnail         bytea       NOT NULL,
    thumbnail_width   integer     NOT NULL CHECK (thumbnail_width > 0),
    thumbnail_height  integer     NOT NULL CHECK (thumbnail_height > 0),
    -- What came in, for the record: its format by magic bytes and its size in bytes.
    original_format   text        NOT NULL,
    original_bytes    integer     NOT NULL,
    uploaded_at       timestamptz NOT NULL,
    -- The member of staff who uploaded it; null for a citizen's anonymous upload.
    uploaded_by       text        NULL,
    -- When a report or a resolution first named it (set before the report is filed). Uploads no one named are
    -- deleted after Photos:UnreferencedAfter, so abandoned and abusive uploads do not pile up.
    referenced_at     timestamptz NULL
);
CREATE INDEX IF NOT EXISTS photos_unreferenced ON photos (uploaded_at) WHERE referenced_at IS NULL;
