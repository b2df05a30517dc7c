import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '../types.js';
import { boundHistory } from './chat-app.js';

const turns = (n: number, size: number): ChatTurn[] => Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: String(i).padEnd(size, '.') }));

describe('boundHistory', () => {
  it('keeps the newest turns within the count', () => {
    const kept = boundHistory(turns(20, 5), { maxQuestionChars: 100, maxHistoryTurns: 4 });
    expect(kept.map((t) => t.content[0] + t.content[1])).toEqual(['16', '17', '18', '19']);
  });

  it('keeps the newest turns within the total characters, cutting each turn to 4 × the question limit first', () => {
    const kept = boundHistory(turns(10, 1000), { maxQuestionChars: 100, maxHistoryTurns: 12, maxHistoryChars: 1000 });
    expect(kept).toHaveLength(2);
    expect(kept.every((t) => t.content.length === 400)).toBe(true);
    expect(boundHistory(turns(3, 10), { maxQuestionChars: 100, maxHistoryChars: 0 })).toEqual([]);
  });
});
