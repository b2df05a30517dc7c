/** Documents API: list, one document with its paragraphs in order, one paragraph by label. */
import { Hono } from 'hono';
import { AppError } from '../errors.js';
import type { CorpusStore } from './corpus-store.js';

/**
 * The documents feature as a Hono sub-app (mount at `/api/documents`).
 * @example
 * app.route('/api/documents', createDocumentsApp(store));
 */
export function createDocumentsApp(store: CorpusStore): Hono {
  const app = new Hono();
  const find = (id: string) => {
    const document = store.document(id);
    if (!document) throw new AppError('document_not_found', `No document with id "${id}". GET /api/documents lists them.`);
    return document;
  };
  app.get('/', (c) => c.json({ documents: store.documents() }));
  app.get('/:id', (c) => {
    const document = find(c.req.param('id'));
    return c.json({ document, paragraphs: store.paragraphs(document.id) });
  });
  app.get('/:id/paragraphs/:label', (c) => {
    const document = find(c.req.param('id'));
    const label = c.req.param('label').replace(/^§\s*/, '');
    const paragraph = store.paragraph(document.id, label);
    if (!paragraph) throw new AppError('paragraph_not_found', `Document "${document.id}" has no paragraph "${label}".`);
    return c.json({ document, paragraph });
  });
  return app;
}
