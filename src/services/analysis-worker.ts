/**
 * The editor's analysis thread (started by `RemoteAnalyzer`, src/services/remote-analyzer.ts): runs the engine
 * on one document at a time as the main thread asks, and forwards the rules' questions to the services, which
 * stay on the main thread. A thread of its own keeps the extension host responsive while a large file is analysed,
 * and lets the analysis have a young generation large enough that a collection rarely lands mid-analysis (such a
 * collection copies the whole live syntax tree). Never imports `vscode`.
 */
import { parentPort } from 'node:worker_threads';
import type { Service } from '../engine/analyzer';
import { createAnalyzer } from '../index';
import type { FromWorker, ToWorker } from './remote-analyzer';

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs as a worker thread');

const analyzer = createAnalyzer({ maxFileSize: Number.MAX_SAFE_INTEGER });
// The parsers load while the editor opens its documents; a parser that fails to load is reported per file.
void analyzer.prepare();
/** Analyses in progress, by request id: cancelled through their controller. */
const running = new Map<number, AbortController>();
/** Questions asked of the main thread, by question id. */
const asked = new Map<number, { resolve: (answer: unknown) => void; reject: (e: Error) => void }>();
let nextQuestion = 1;

const post = (message: FromWorker) => port.postMessage(message);

/** A service on the main thread, asked by message; an answer that does not come rejects (unanswered). */
function remoteService(request: number, service: string): Service {
  return {
    answer(query, signal) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(new Error('cancelled'));
        const question = nextQuestion++;
        const stop = () => {
          asked.delete(question);
          reject(new Error('cancelled'));
        };
        signal.addEventListener('abort', stop, { once: true });
        asked.set(question, {
          resolve: (answer) => {
            signal.removeEventListener('abort', stop);
            resolve(answer);
          },
          reject: (e) => {
            signal.removeEventListener('abort', stop);
            reject(e);
          },
        });
        post({ type: 'ask', id: request, question, service, query });
      });
    },
  };
}

async function analyze(message: Extract<ToWorker, { type: 'analyze' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    const services = Object.fromEntries(message.services.map((name) => [name, remoteService(message.id, name)]));
    const result = await analyzer.analyzeAsync(message.request, {
      services,
      signal: controller.signal,
      ...(message.timeoutMs !== undefined ? { timeoutMs: message.timeoutMs } : {}),
      onPartial: (partial) => post({ type: 'partial', id: message.id, result: partial }),
    });
    post({ type: 'done', id: message.id, result });
  } catch (e) {
    post({ type: 'failed', id: message.id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    running.delete(message.id);
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'analyze':
      void analyze(message);
      break;
    case 'answer': {
      const waiting = asked.get(message.question);
      asked.delete(message.question);
      if (!waiting) break;
      if (message.ok) waiting.resolve(message.answer);
      else waiting.reject(new Error('no answer'));
      break;
    }
    case 'cancel':
      running.get(message.id)?.abort();
      break;
  }
});
