// The playbook's file itself, for everything the form does not show (reads, writes, cue words,
// closing steps, notes): the text with its line numbers, the lines the core's check refuses marked,
// and each problem by line, a click away from its line.
import { useRef } from 'react';
import type { PlaybookProblem } from '../../../../shared/playbook.ts';

interface Props {
  file: string;
  text: string;
  problems: PlaybookProblem[];
  describedBy: string;
  onText: (text: string) => void;
}

export function PlaybookFile({ file, text, problems, describedBy, onText }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = text.split('\n');
  const bad = new Set(problems.map((p) => p.line));
  const goTo = (line: number) => {
    const el = area.current;
    if (!el) return;
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };
  return (
    <div className="pb-file">
      <label htmlFor="playbook-text" className="field-label">
        {file} (YAML)
      </label>
      <div className="pb-file-editor">
        <div ref={gutter} className="pb-gutter code-editor" aria-hidden="true">
          {lines.map((_, n) => (
            <div key={n} className={bad.has(n + 1) ? 'bad' : undefined}>
              {n + 1}
            </div>
          ))}
        </div>
        <textarea
          id="playbook-text"
          ref={area}
          className="code-editor"
          wrap="off"
          spellCheck={false}
          rows={Math.min(28, Math.max(12, lines.length + 1))}
          value={text}
          aria-describedby={describedBy}
          aria-invalid={problems.length ? true : undefined}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => onText(e.target.value)}
        />
      </div>
      {problems.length > 0 && (
        <ul className="error-list" aria-label="Problems in the file">
          {problems.map((p, n) => (
            <li key={n}>
              <button type="button" className="link-button" onClick={() => goTo(p.line)}>
                Line {p.line}
              </button>
              : {p.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
