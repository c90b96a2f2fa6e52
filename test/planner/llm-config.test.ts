// The LLM planner's configuration: endpoint and key from the environment, model from the settings.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, llmConfigFrom } from '../../core/planner/llm/index.ts';

const settings = { llm: { model: 'gpt-4o-mini' } };

describe('llmConfigFrom', () => {
  it('takes the endpoint and key from the environment and the model from the settings', () => {
    const r = llmConfigFrom({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_API_KEY: 'k' }, { llm: { model: 'llama3.1', timeoutMs: 20_000 }, other: 1 });
    expect(r).toEqual({ ok: true, data: { baseURL: 'http://127.0.0.1:11434/v1', apiKey: 'k', model: 'llama3.1', timeoutMs: 20_000 } });
  });

  it("defaults to OpenAI's endpoint, which needs a key", () => {
    expect(llmConfigFrom({ OPENAI_API_KEY: 'sk-x' }, settings)).toMatchObject({ ok: true, data: { baseURL: DEFAULT_BASE_URL, apiKey: 'sk-x' } });
    const r = llmConfigFrom({}, settings);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(/OPENAI_API_KEY is not set/);
    }
  });

  it('lets a local server go without a key', () => {
    expect(llmConfigFrom({ OPENAI_BASE_URL: 'http://localhost:1234/v1' }, settings)).toMatchObject({ ok: true, data: { apiKey: 'unused' } });
  });

  it('says what to set when the model or the URL is wrong', () => {
    const none = llmConfigFrom({ OPENAI_API_KEY: 'k' }, {});
    expect(none.ok || none.error.message).toMatch(/set llm\.model in the settings/);
    const empty = llmConfigFrom({ OPENAI_API_KEY: 'k' }, { llm: { model: ' ' } });
    expect(empty.ok || empty.error.message).toMatch(/llm\.model is empty/);
    const url = llmConfigFrom({ OPENAI_BASE_URL: 'ftp://example.com', OPENAI_API_KEY: 'k' }, settings);
    expect(url.ok || url.error.message).toMatch(/OPENAI_BASE_URL must be an http\(s\) URL/);
  });

  it('validates a price table', () => {
    const priced = llmConfigFrom({ OPENAI_API_KEY: 'k' }, { llm: { model: 'm', pricing: { m: { inputPerMillion: 0.15, outputPerMillion: 0.6 } } } });
    expect(priced).toMatchObject({ ok: true, data: { pricing: { m: { inputPerMillion: 0.15, outputPerMillion: 0.6 } } } });
    const bad = llmConfigFrom({ OPENAI_API_KEY: 'k' }, { llm: { model: 'm', pricing: { m: { inputPerMillion: -1 } } } });
    expect(bad.ok || bad.error.message).toMatch(/pricing/);
  });
});
