import { t, applyTexts, languageToggle, escape, homeOf, reference as loadReference } from "./app.js";
import { signInOptions, startSignIn } from "./signin.js";
applyTexts();
languageToggle(document.getElementById("lang"));
const options = await signInOptions();
if (options?.provider) {
  document.getElementById("provider").hidden = false;
  document.getElementById("idp").addEventListener("click", () => startSignIn(options.provider));
}
if (!options || options.providerUnavailable) {
  const unavailable = document.getElementById("unavailable");
  unavailable.hidden = false;
  unavailable.textContent = `${t("signInFailed")}: ${options?.providerUnavailable ?? "API"}`;
}
document.getElementById("signin").hidden = !options?.devTokens;
// Through the session cache, so the page after sign-in has the names already.
const reference = await loadReference();
document.getElementById("commune").innerHTML = reference.communes.map(c => `<option value="${c.code}">${escape(c.name)} (${c.code})</option>`).join("");
document.getElementById("agency").innerHTML = reference.agencies.map(a => `<option value="${a.code}">${escape(a.name)}</option>`).join("");
const role = document.getElementById("role");
const show = () => {
  document.getElementById("commune").closest("form").querySelector("[for=commune]").hidden = document.getElementById("commune").hidden = role.value !== "CommuneOfficer";
  document.querySelector("[for=agency]").hidden = document.getElementById("agency").hidden = role.value !== "AgencyStaff";
  // A staff id lets a demo user be one of a crew's members (data/crews.csv), whose crew page is theirs.
  document.querySelector("[for=subject]").hidden = document.getElementById("subject").hidden = role.value !== "AgencyStaff";
};
role.addEventListener("change", show);
show();
document.getElementById("signin").addEventListener("submit", async e => {
  e.preventDefault();
  const subject = role.value === "AgencyStaff" ? document.getElementById("subject").value.trim() || undefined : undefined;
  const request = { role: role.value, commune: document.getElementById("commune").value, agency: document.getElementById("agency").value, subject };
  const response = await fetch("/dev/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
  const error = document.getElementById("error");
  if (!response.ok) { error.hidden = false; error.textContent = `${response.status}: ${(await response.text()).slice(0, 200)}`; return; }
  const token = await response.json();
  sessionStorage.setItem("user", JSON.stringify({ token: token.accessToken, role: token.role, commune: token.commune, agency: token.agency }));
  location.href = homeOf(token);
});
// Usable only once the lists are in and the handler is attached (before that a click would submit the bare form).
document.getElementById("submit").disabled = false;
