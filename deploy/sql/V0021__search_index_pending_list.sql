-- Issue 12: the trigram index on incidents.search_text (V0006) collects new rows in its pending list and merges the
-- list into the index once it reaches gin_pending_list_limit (4 MB by default). The insert that crosses the limit
-- does the whole merge itself: under report load that was one commit in every 2-5 s taking 90-180 ms, holding up
-- every report in it. A 256 kB list is merged sixteen times as often, each merge a sixteenth as long, and a search
-- has less unsorted list to scan.
ALTER INDEX incidents_search SET (gin_pending_list_limit = 256);
