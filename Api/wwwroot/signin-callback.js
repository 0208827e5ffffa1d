import { t, applyTexts } from "./app.js";
import { finishSignIn } from "./signin.js";
applyTexts();
try {
  await finishSignIn();
} catch (e) {
  const error = document.getElementById("error");
  error.hidden = false;
  error.textContent = `${t("signInFailed")}: ${e.message}`;
  document.getElementById("progress").hidden = true;
}
