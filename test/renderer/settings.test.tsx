// @vitest-environment jsdom
// Settings against a scripted core: the API key is write-only — sent once, never rendered.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { FakeCore } from './fake-core.ts';
import { settings } from './fixtures.ts';

afterEach(cleanup);

const KEY = 'sk-test-DO-NOT-SHOW-1234567890';

describe('settings view', () => {
  it('sends a new API key once and never renders it', async () => {
    let current = settings;
    const core = new FakeCore({
      'settings.get': () => current,
      'settings.set': (input) => {
        current = { ...current, llm: { ...current.llm, model: input.llm?.model ?? current.llm.model, hasKey: true } };
        return current;
      },
    });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const key = (await screen.findByLabelText('API key')) as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    expect(key.placeholder).toMatch(/A key is stored/);
    expect((screen.getByRole('radio', { name: /LLM/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('textbox', { name: 'Model' }) as HTMLInputElement).value).toBe('gpt-4o-mini');

    fireEvent.change(key, { target: { value: KEY } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Model' }), { target: { value: 'gpt-4.1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');

    expect(core.callsOf('settings.set')).toEqual([{ llm: { model: 'gpt-4.1', apiKey: KEY } }]);
    const after = screen.getByLabelText('API key') as HTMLInputElement;
    expect(after.value).toBe('');
    expect(document.body.innerHTML).not.toContain(KEY);
    expect((screen.getByRole('textbox', { name: 'Model' }) as HTMLInputElement).value).toBe('gpt-4.1');
  });

  it('sends nothing about the key when the field is left empty', async () => {
    const core = new FakeCore({ 'settings.get': () => settings, 'settings.set': () => ({ ...settings, llm: { ...settings.llm, model: 'gpt-4.1' } }) });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Model' }), { target: { value: 'gpt-4.1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(core.callsOf('settings.set')).toEqual([{ llm: { model: 'gpt-4.1' } }]);
  });

  it("shows the agent's name as who is signed in, not as something to change", async () => {
    const core = new FakeCore({ 'settings.get': () => settings });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const name = (await screen.findByRole('textbox', { name: 'Agent name' })) as HTMLInputElement;
    expect(name.readOnly).toBe(true);
    expect(name.value).toBe(settings.agent);
  });

  it('validates before saving: the LLM planner needs a model and a key, and a changed endpoint asks for its key again', async () => {
    const offline = { ...settings, planner: 'offline' as const, llm: { baseURL: 'https://llm.example.com/v1', model: '', hasKey: false } };
    const core = new FakeCore({ 'settings.get': () => offline, 'settings.set': () => ({ ...offline, planner: 'llm', llm: { ...offline.llm, model: 'gpt-4o-mini', hasKey: true } }) });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('radio', { name: /LLM/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/needs a model name/);
    expect(alert.textContent).toMatch(/needs an API key/);
    expect(screen.getByRole('textbox', { name: 'Model' }).getAttribute('aria-invalid')).toBe('true');
    expect(core.callsOf('settings.set')).toEqual([]);

    fireEvent.change(screen.getByRole('textbox', { name: 'Model' }), { target: { value: 'gpt-4o-mini' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(core.callsOf('settings.set')).toEqual([{ planner: 'llm', llm: { model: 'gpt-4o-mini', apiKey: KEY } }]);
  });

  it('a changed endpoint with a key stored for the old one asks for the new key', async () => {
    const core = new FakeCore({ 'settings.get': () => settings, 'settings.set': () => settings });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    fireEvent.change(await screen.findByLabelText('LLM base URL'), { target: { value: 'https://other.example.com/v1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/The endpoint changed: enter the API key for the new endpoint/);
    expect(core.callsOf('settings.set')).toEqual([]);
  });
});
