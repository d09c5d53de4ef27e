/** Reads Server-Sent Events from a fetch Response, one parsed event at a time. */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';

  constructor(res: Response) {
    if (!res.body) throw new Error('The response has no body');
    this.reader = res.body.getReader();
  }

  /** The next event (comments and `retry:` lines skipped), or throws after `timeoutMs`. */
  async next(timeoutMs = 30_000): Promise<{ event: string; data: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length) return { event, data: data.join('\n') };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('No event in time');
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('No event in time')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('The stream ended');
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }

  /** The next `state` event's data, parsed. */
  async state<T = Record<string, unknown>>(timeoutMs?: number): Promise<T> {
    for (;;) {
      const e = await this.next(timeoutMs);
      if (e.event === 'state') return JSON.parse(e.data) as T;
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
