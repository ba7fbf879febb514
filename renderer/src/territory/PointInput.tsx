import { useEffect, useState } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';

const show = (p: Vec3 | null) => (p ? p.map((v) => v.toFixed(1)).join(', ') : '');

/** "x, y, z" in LPS mm: typed, or filled by a viewport click. */
function parse(text: string): Vec3 | null {
  const v = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  return v.length === 3 && v.every(Number.isFinite) ? (v as Vec3) : null;
}

/** One point of a plane: a text box in LPS mm, kept in step with clicks on the views. */
export function PointInput(props: {
  value: Vec3 | null;
  active: boolean;
  testId: string;
  onChange(p: Vec3 | null): void;
}) {
  const [text, setText] = useState(show(props.value));
  useEffect(() => {
    // A click set it: show it, unless the text already says the same point.
    setText((t) => (show(parse(t)) === show(props.value) ? t : show(props.value)));
  }, [props.value]);
  return (
    <input
      className={`territory-point${props.active ? ' active' : ''}`}
      data-testid={props.testId}
      placeholder="click on a view, or L, P, S mm"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const p = parse(e.target.value);
        if (p || !e.target.value.trim()) props.onChange(p);
      }}
    />
  );
}
