// Plain email text with its web addresses made clickable; everything else stays text (no HTML is injected).
const urlPattern = /https?:\/\/[^\s<>"]+/g;

export function LinkifiedText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const url = match[0];
    parts.push(text.slice(last, match.index), (
      <a key={match.index} href={url}>
        {url}
      </a>
    ));
    last = match.index + url.length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
