// What every page shares, staff and citizen alike: the language (Vietnamese first, English on request, remembered
// per browser), escaping text into markup, and times in Vietnam's zone.

export const lang = () => localStorage.getItem("lang") === "en" ? "en" : "vi";

/** A lookup in a page's own texts ({vi: {...}, en: {...}}); a key without a text shows as itself. */
export const translator = texts => key => texts[lang()][key] ?? key;

/** Fills every element marked data-t (its text) or data-t-placeholder (its placeholder). */
export function applyTexts(t, root = document) {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll("[data-t-placeholder]")) el.placeholder = t(el.dataset.tPlaceholder);
}

/** The button that switches language; onChange re-renders what the page drew itself. */
export function languageToggle(button, onChange) {
  const label = () => { button.textContent = lang() === "vi" ? "English" : "Tiếng Việt"; };
  label();
  button.addEventListener("click", () => {
    localStorage.setItem("lang", lang() === "vi" ? "en" : "vi");
    label();
    onChange();
  });
}

export const escape = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

export const localTime = instant => new Date(instant).toLocaleString(lang() === "vi" ? "vi-VN" : "en-GB", { timeZone: "Asia/Ho_Chi_Minh" });
