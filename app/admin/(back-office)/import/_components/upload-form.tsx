"use client";
// Starts a dry run: creates the run, streams the file to the upload route, shows progress by polling the run.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { startImportAction } from "@/app/admin/(back-office)/import/actions";

type Board = { id: number; code: string; name: string };
type Progress = { bytesRead: number; totalBytes: number | null; linesRead: number };

const POLL_MS = 700;

export function UploadForm({ boards, allowAllBoards }: { boards: Board[]; allowAllBoards: boolean }) {
  const t = useTranslations("import");
  const format = useFormatter();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [board, setBoard] = useState<string>(boards.length === 1 ? String(boards[0]!.id) : allowAllBoards ? "all" : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const poller = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => () => {
    if (poller.current) clearInterval(poller.current);
  }, []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setError(t("form.noFile"));
    setError(null);
    setBusy(true);
    setProgress({ bytesRead: 0, totalBytes: file.size, linesRead: 0 });
    try {
      const started = await startImportAction({ board, fileName: file.name, totalBytes: file.size });
      if (!started.ok) {
        setError(t(`errors.${started.error ?? "unexpected"}` as never));
        return;
      }
      const { runId } = started.data;
      poller.current = setInterval(async () => {
        const response = await fetch(`/api/import-runs/${runId}`, { cache: "no-store" }).catch(() => null);
        if (response?.ok) setProgress(await response.json());
      }, POLL_MS);
      const response = await fetch(`/api/import-runs/${runId}/upload`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      }).catch(() => null);
      if (!response?.ok) setError(t("form.uploadFailed"));
      router.push(`/admin/import?run=${runId}`);
      router.refresh();
    } finally {
      if (poller.current) clearInterval(poller.current);
      poller.current = null;
      setBusy(false);
    }
  }

  const bytes = (n: number) => format.number(n / 1_000_000, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  return (
    <form method="post" className="stack" onSubmit={submit} aria-busy={busy}>
      <div className="field">
        <label htmlFor="import-board">{t("form.board")}</label>
        <select id="import-board" value={board} onChange={(e) => setBoard(e.target.value)} required disabled={busy}>
          {allowAllBoards && <option value="all">{t("form.allBoards")}</option>}
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.code})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="import-file">{t("form.file")}</label>
        <input id="import-file" ref={fileInput} type="file" accept=".csv,text/csv,text/plain" required disabled={busy} />
      </div>
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? t("form.reading") : t("form.submit")}
        </button>
      </div>
      {busy && progress && (
        <div role="status" className="stack">
          <progress max={progress.totalBytes ?? undefined} value={progress.bytesRead} />
          <span className="muted">
            {progress.totalBytes
              ? t("form.progress", { lines: progress.linesRead, read: bytes(progress.bytesRead), total: bytes(progress.totalBytes) })
              : t("form.progressUnknown", { lines: progress.linesRead, read: bytes(progress.bytesRead) })}
          </span>
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
