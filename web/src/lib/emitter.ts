/** A small typed event emitter for the few events that cross features (the shell wires them). */
export type EventMap = Record<string, (...args: never[]) => void>;

export class Emitter<Events extends EventMap> {
  private listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (...a: Parameters<Events[E]>) => void)(...args);
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
