// Sign-in at the province's identity provider: the authorization code flow with PKCE (RFC 7636) as a public
// client, since a static page can keep no secret. The API validates the access token; the console only carries it.
import { homeOf } from "./app.js";

const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const callback = () => new URL("signin-callback.html", location.href).href;

/** {devTokens, provider}: how this deployment signs people in; null when the API cannot say. */
export async function signInOptions() {
  const response = await fetch("/api/auth/options");
  return response.ok ? response.json() : null;
}

export async function startSignIn(provider) {
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem("pkce", JSON.stringify({ verifier, state }));
  const url = new URL(provider.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: "code", client_id: provider.clientId, redirect_uri: callback(), scope: provider.scope,
    state, code_challenge: challenge, code_challenge_method: "S256",
  });
  location.assign(url.href);
}

/** On the callback page: trades the code for tokens, asks the API who that is, and goes to the user's start page. */
export async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  const pkce = JSON.parse(sessionStorage.getItem("pkce") ?? "null");
  sessionStorage.removeItem("pkce");
  if (params.get("error")) throw new Error(params.get("error_description") ?? params.get("error"));
  // A callback this browser did not start (or a replayed one) is refused: that is what state is for.
  if (!pkce || params.get("state") !== pkce.state) throw new Error("state");
  const { provider } = await signInOptions();
  const response = await fetch(provider.tokenEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code", code: params.get("code") ?? "", redirect_uri: callback(),
      client_id: provider.clientId, code_verifier: pkce.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token endpoint: HTTP ${response.status}`);
  const tokens = await response.json();
  const me = await fetch("/api/me", { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  if (!me.ok) {
    const problem = await me.json().catch(() => null);
    throw new Error(problem?.detail ?? problem?.title ?? `HTTP ${me.status}`);
  }
  const who = await me.json();
  const user = {
    token: tokens.access_token, role: who.role, commune: who.commune, agency: who.agency, name: who.name,
    idToken: tokens.id_token, endSession: provider.endSessionEndpoint,
  };
  sessionStorage.setItem("user", JSON.stringify(user));
  location.replace(homeOf(user));
}
