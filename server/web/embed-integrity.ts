/** Subresource Integrity for `embed.js`: the hash host sites may pin in `<script integrity>`. Web-standard. */

/**
 * The SRI value (`sha384-<base64>`) of a file's bytes.
 * @example
 * await sriHash(new TextEncoder().encode('(function(){})();')); // 'sha384-…'
 */
export async function sriHash(body: Uint8Array | string): Promise<string> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return `sha384-${btoa(binary)}`;
}

/**
 * The `/embed.json` body: the loader's URL, its SRI hash, and the snippet to paste.
 * @example
 * embedIntegrity('https://ct.example.org', 'sha384-…').snippet; // '<script src="https://ct.example.org/embed.js" integrity="sha384-…" crossorigin="anonymous" async></script>'
 */
export function embedIntegrity(base: string, integrity: string) {
  const src = `${base}/embed.js`;
  return {
    src,
    integrity,
    crossorigin: 'anonymous' as const,
    snippet: `<script src="${src}" integrity="${integrity}" crossorigin="anonymous" data-lang="fr" async></script>`,
    note: 'The hash changes whenever embed.js changes (on upgrade): re-read it here and update the pinned snippet, or the browser will refuse the script.',
  };
}
