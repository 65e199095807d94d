/**
 * Sign-in for a team server (guanxi serve --auth tokens): before the explorer starts, the page asks
 * the API who is signed in; without a session it shows a form for the analyst's token and reloads once
 * the server has set its HttpOnly session cookie. The token itself is never stored by the page.
 */
import { el } from "../lib/dom.ts";

export interface SessionInfo {
  auth: "none" | "tokens" | "neo4j";
  analyst?: string;
}

async function session(): Promise<SessionInfo> {
  const response = await fetch("/api/session", { headers: { accept: "application/json" } });
  if (!response.ok) return { auth: "none" }; // an older server, or one without sign-in: carry on
  return (await response.json()) as SessionInfo;
}

function signInForm(root: HTMLElement, mode: "tokens" | "neo4j"): void {
  const user = el("input", {
    attrs: { type: "text", id: "sign-in-user", autocomplete: "username", required: "" },
  });
  const input = el("input", {
    attrs: {
      type: "password",
      id: "sign-in-token",
      autocomplete: "current-password",
      required: "",
      "aria-describedby": "sign-in-message",
    },
  });
  const message = el("p", { class: "sign-in-message", attrs: { id: "sign-in-message", role: "alert" } });
  const button = el("button", { class: "primary", text: "Sign in", attrs: { type: "submit" } });
  const form = el("form", { class: "sign-in", attrs: { "aria-labelledby": "sign-in-title" } }, [
    el("h1", { attrs: { id: "sign-in-title" } }, [
      el("span", { class: "brand-mark", text: "关系" }),
      " Guanxi",
    ]),
    el("p", {
      text:
        mode === "neo4j"
          ? "This server is shared by a team. Sign in with your own Neo4j user name and password: Neo4j's access control applies to everything you run."
          : "This server is shared by a team. Sign in with the token your administrator gave you (guanxi token create).",
    }),
    ...(mode === "neo4j" ? [el("label", { text: "Neo4j user", attrs: { for: "sign-in-user" } }), user] : []),
    el("label", { text: mode === "neo4j" ? "Password" : "Token", attrs: { for: "sign-in-token" } }),
    input,
    button,
    message,
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    button.disabled = true;
    message.textContent = "";
    void (async () => {
      try {
        const response = await fetch("/api/session", {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(
            mode === "neo4j"
              ? { username: user.value.trim(), password: input.value }
              : { token: input.value.trim() },
          ),
        });
        if (response.ok) {
          window.location.reload();
          return;
        }
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
        message.textContent = body.error?.message ?? `Sign-in failed (HTTP ${response.status}).`;
      } catch {
        message.textContent = "Cannot reach the Guanxi server.";
      } finally {
        button.disabled = false;
        input.select();
      }
    })();
  });
  root.replaceChildren(el("main", { class: "sign-in-page" }, [form]));
  (mode === "neo4j" ? user : input).focus();
}

/** Resolves with the session once an analyst may use the explorer; shows the sign-in form otherwise. */
export async function ensureSignedIn(root: HTMLElement): Promise<SessionInfo | undefined> {
  const info = await session().catch((): SessionInfo => ({ auth: "none" }));
  if (info.auth !== "none" && !info.analyst) {
    signInForm(root, info.auth);
    return undefined;
  }
  return info;
}

/** A "Sign out NAME" button for the toolbar of a team server. */
export function signOutButton(info: SessionInfo): HTMLElement | null {
  if (info.auth === "none" || !info.analyst) return null;
  return el("button", {
    class: "link-button sign-out",
    text: `Sign out ${info.analyst}`,
    attrs: { type: "button", "data-testid": "sign-out" },
    on: {
      click: () => void fetch("/api/session", { method: "DELETE" }).finally(() => window.location.reload()),
    },
  });
}
