/** Saving a file from the browser: a temporary object URL on a clicked link. */
export function download(fileName: string, content: Blob | string, mediaType = "text/plain"): void {
  const blob =
    typeof content === "string" ? new Blob([content], { type: `${mediaType};charset=utf-8` }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
