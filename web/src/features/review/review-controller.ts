/**
 * Owns the "Add article → review → ingest" flow: the dialog sends the text to POST /api/extract, the
 * review screen edits the draft through the pure reducer (state.ts), every change is saved in this
 * browser and previewed on the graph as draft nodes (preview.ts, no write, no undo step), and Ingest
 * sends the reviewed draft to POST /api/drafts/ingest (all or nothing). Then the new nodes join the
 * screen through the store's addSubgraph, as one undoable step.
 */
import type { ExtractStatus, GraphNode } from "../../../../core/api-types.ts";
import type { Draft } from "../../../../core/draft.ts";
import { ApiError } from "../../api/client.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { AddArticleDialog } from "./add-article-dialog.ts";
import { EMPTY_PREVIEW, previewLayer, previewPatch } from "./preview.ts";
import type { PreviewLayer } from "./preview.ts";
import { reduceReview, startReview, storageKey } from "./state.ts";
import type { ReviewAction, ReviewSession } from "./state.ts";
import { downloadJson, forgetDraft, parseDraft, saveDraft, savedDraft } from "./storage.ts";
import { ReviewView } from "./review-view.ts";
import type { IngestInfo } from "./review-view.ts";

/** Read by the ingested nodes' query: the written ids and the relationships among them. */
const SHOW_INGESTED =
  "MATCH (n) WHERE n.id IN $ids OPTIONAL MATCH (n)-[r]-(m) WHERE m.id IN $ids RETURN n, r, m";

export class ReviewController {
  readonly dialog: AddArticleDialog;
  readonly view: ReviewView;
  private session: ReviewSession | null = null;
  private preview: PreviewLayer = EMPTY_PREVIEW;
  private status: ExtractStatus | null = null;
  private ingest: IngestInfo = { enabled: false, busy: false, errors: [] };

  constructor(
    private readonly ctx: FeatureContext,
    private readonly onToggle: () => void = () => {},
  ) {
    this.dialog = new AddArticleDialog({
      extract: (text, title) => this.extract(text, title),
      openDraft: (text, fileName) => this.open(parseDraft(text, fileName), `Opened ${fileName}`),
    });
    this.view = new ReviewView({
      dispatch: (action) => this.dispatch(action),
      search: (q) => this.search(q),
      ingest: () => void this.write(),
      download: () => this.download(),
      close: () => this.close(),
    });
  }

  get isOpen(): boolean {
    return this.view.isOpen;
  }

  /** "Add article": the dialog (or, when a review is open, back to it). */
  openDialog(): void {
    if (this.isOpen) this.view.show();
    else this.dialog.open();
  }

  /** The draft under review (the test hook and the download read it). */
  draft(): Draft | null {
    return this.session?.draft ?? null;
  }

  private async extract(text: string, title: string | undefined): Promise<void> {
    const response = await this.ctx.api.extract({ text, ...(title ? { title } : {}) });
    const saved = savedDraft(storageKey(response.draft));
    if (saved) this.open(saved, "Reopened your saved review of this article");
    else
      this.open(
        response.draft,
        `Read ${response.stories.length} ${response.stories.length > 1 ? "stories" : "story"}, linked against ${response.known} known entities`,
      );
  }

  private open(draft: Draft, message: string): void {
    this.clearPreview();
    this.session = startReview(draft);
    this.ingest = { enabled: this.status?.ingest ?? false, busy: false, errors: [] };
    saveDraft(draft);
    this.view.show();
    this.render();
    this.updatePreview();
    this.ctx.notify(message, "info");
    void this.loadStatus();
    this.onToggle();
  }

  private async loadStatus(): Promise<void> {
    try {
      const [status, schema] = await Promise.all([this.ctx.api.extractStatus(), this.ctx.api.schema()]);
      this.status = status;
      this.view.setVocabulary(
        Object.keys(schema.schema.labels),
        Object.keys(schema.schema.relationshipTypes),
      );
      this.ingest = {
        ...this.ingest,
        enabled: status.ingest,
        ...(status.ingestDisabledReason ? { reason: status.ingestDisabledReason } : {}),
      };
    } catch (error) {
      this.ingest = {
        ...this.ingest,
        enabled: false,
        reason: `Cannot tell whether ingest is on: ${String(error)}`,
      };
    }
    this.render();
  }

  private dispatch(action: ReviewAction): void {
    if (!this.session) return;
    const before = this.session.draft;
    this.session = reduceReview(this.session, action);
    if (this.session.draft !== before) {
      saveDraft(this.session.draft);
      this.ingest = { ...this.ingest, errors: [] };
      this.updatePreview();
    }
    this.render();
  }

  private render(): void {
    if (this.session) this.view.render(this.session, this.ingest);
  }

  private async search(q: string): Promise<GraphNode[]> {
    if (!q.trim()) return [];
    try {
      return (await this.ctx.api.search(q.trim(), 8)).hits.map((h) => h.node);
    } catch (error) {
      this.ctx.fail(error, "Search failed");
      return [];
    }
  }

  private updatePreview(): void {
    const { view } = this.ctx;
    const next = this.session
      ? previewLayer(this.session.draft, view.graph, view.lookup(), this.preview)
      : EMPTY_PREVIEW;
    view.applyPatch(previewPatch(this.preview, next));
    const arrived = next.nodes.filter((n) => !this.preview.nodes.some((p) => p.key === n.key));
    this.preview = next;
    if (arrived[0]) void this.bringIntoSight(arrived[0].key);
  }

  /** Pans the camera so that a new draft node shows beside the review panel, not under it. */
  private async bringIntoSight(key: string): Promise<void> {
    const { sigma, graph } = this.ctx.view;
    if (!graph.hasNode(key)) return;
    const box = sigma.getContainer().getBoundingClientRect();
    const panel = this.view.element.getBoundingClientRect();
    const free = Math.max(0, Math.min(box.width, panel.right - box.left));
    const at = sigma.graphToViewport(graph.getNodeAttributes(key));
    const margin = 40;
    if (at.x > free + margin && at.x < box.width - margin && at.y > margin && at.y < box.height - margin)
      return;
    const wanted = sigma.viewportToFramedGraph({ x: free + (box.width - free) / 2, y: box.height / 2 });
    const now = sigma.viewportToFramedGraph(at);
    const camera = sigma.getCamera();
    await camera.animate(
      { x: camera.x + now.x - wanted.x, y: camera.y + now.y - wanted.y },
      { duration: 350 },
    );
  }

  private clearPreview(): void {
    if (this.preview.nodes.length || this.preview.edges.length)
      this.ctx.view.applyPatch(previewPatch(this.preview, EMPTY_PREVIEW));
    this.preview = EMPTY_PREVIEW;
  }

  private download(): void {
    const draft = this.draft();
    if (!draft) return;
    const name = storageKey(draft)
      .replace(/^guanxi:draft:/u, "")
      .replace(/[^\p{L}\p{N}._-]+/gu, "-");
    downloadJson(`${name}.draft.json`, draft);
  }

  /** Closes the review: the preview leaves the graph; the draft stays saved for another sitting. */
  close(): void {
    this.clearPreview();
    this.view.hide();
    this.session = null;
    this.onToggle();
  }

  private async write(): Promise<void> {
    const draft = this.draft();
    if (!draft || this.ingest.busy) return;
    this.ingest = { ...this.ingest, busy: true, errors: [] };
    this.render();
    try {
      // Unreviewed items: exact links go in, the rest is left out (guanxi ingest --accept linked).
      const result = await this.ctx.api.ingestDraft({ draft, accept: "linked" });
      forgetDraft(draft);
      this.close();
      const shown = await this.show(result.ids);
      this.ctx.notify(
        `Ingested: ${result.nodes.created} nodes created, ${result.nodes.updated} updated; ${result.relationships.created} relationships created` +
          (result.skipped.length ? `; ${result.skipped.length} unreviewed left out` : "") +
          (shown ? "" : "."),
        "success",
      );
    } catch (error) {
      const errors =
        error instanceof ApiError && error.problems?.length
          ? error.problems.map((p) =>
              [p.line ? `line ${p.line}` : "", p.field ?? "", p.message].filter(Boolean).join(": "),
            )
          : [];
      const message = error instanceof Error ? error.message : String(error);
      this.ingest = { ...this.ingest, busy: false, errors: [message, ...errors] };
      this.render();
    }
  }

  /** The written nodes join the screen (one undoable step) and are selected. */
  private async show(ids: string[]): Promise<boolean> {
    if (!ids.length) return false;
    try {
      const { subgraph } = await this.ctx.api.query({
        cypher: SHOW_INGESTED,
        params: { ids },
        rowLimit: 5000,
      });
      const added = await this.ctx.store.addSubgraph(subgraph, { description: "Ingest article" });
      const fresh = subgraph.nodes.filter((n) => n.label !== "Article").map((n) => n.key);
      this.ctx.select(fresh.length ? fresh.slice(0, 1) : added.keys.slice(0, 1));
      void this.ctx.view.fit(added.keys);
      return true;
    } catch (error) {
      this.ctx.fail(error, "Ingested, but the new nodes could not be shown");
      return false;
    }
  }
}
