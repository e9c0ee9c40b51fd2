/** An async generator of text chunks as a byte stream for a Response: pulled, so memory stays bounded. */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** Collects a chunk generator into one string (tests, small exports). */
export async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}
