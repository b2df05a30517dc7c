import { describe, expect, it } from 'vitest';
import { vectorizeId, vectorizeStore, WorkersAiEmbeddings, workersAiModelOf, type VectorizeBinding } from './worker-bindings.js';

describe('Workers bindings adapters', () => {
  it('recognise indexes built with a Workers AI model through its OpenAI-compatible endpoint', () => {
    expect(workersAiModelOf('openai:@cf/baai/bge-m3@https://api.cloudflare.com/client/v4/accounts/abc/ai/v1')).toBe('@cf/baai/bge-m3');
    expect(workersAiModelOf('transformers:Xenova/multilingual-e5-small')).toBeNull();
    expect(workersAiModelOf('openai:nomic-embed-text@http://localhost:11434/v1')).toBeNull();
  });

  it('embed queries with the prefix through AI.run and reject a malformed reply', async () => {
    const calls: unknown[] = [];
    const ai = { run: async (model: string, inputs: Record<string, unknown>) => (calls.push([model, inputs]), { data: [[0.1, 0.2]] }) };
    expect(await new WorkersAiEmbeddings(ai, '@cf/baai/bge-m3', 'query: ').embedQuery('financement')).toEqual([0.1, 0.2]);
    expect(calls).toEqual([['@cf/baai/bge-m3', { text: ['query: financement'] }]]);
    await expect(new WorkersAiEmbeddings({ run: async () => ({}) }, '@cf/x', '').embedQuery('a')).rejects.toThrow(/no embeddings/);
  });

  it('query Vectorize in the index version namespace and map ids back to paragraphs', async () => {
    const seen: unknown[] = [];
    const index: VectorizeBinding = { query: async (_v, options) => (seen.push(options), { matches: [{ id: vectorizeId('osce-bucharest-plan-2001', '24'), score: 0.9 }] }) };
    const [[doc, score]] = await vectorizeStore(index, 'hash1').similaritySearchVectorWithScore([1, 0], 300);
    expect(doc.metadata).toEqual({ documentId: 'osce-bucharest-plan-2001', label: '24' });
    expect(score).toBe(0.9);
    expect(seen).toEqual([{ topK: 100, namespace: 'hash1', returnMetadata: 'none' }]);
    expect(() => vectorizeId('d'.repeat(70), '1')).toThrow(/64 bytes/);
  });
});
