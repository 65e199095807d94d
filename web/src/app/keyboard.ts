/** Binds the shortcuts of shell/shortcuts.ts to actions; typing in a field is left alone. */
import { isTyping } from "../lib/dom.ts";
import { SHORTCUTS } from "../shell/shortcuts.ts";
import type { ActionId } from "../shell/shortcuts.ts";

export function bindKeyboard(run: (action: ActionId, event: KeyboardEvent) => void): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const typing = isTyping(event.target);
    for (const shortcut of SHORTCUTS) {
      if (!shortcut.matches(event)) continue;
      // In a text field only Escape and Export (Ctrl+S, never the browser's "save page") reach
      // us; undo/redo there is the field's own.
      if (typing && shortcut.action !== "escape" && shortcut.action !== "export") return;
      event.preventDefault();
      run(shortcut.action, event);
      return;
    }
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
