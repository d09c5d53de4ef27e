import type { Translate } from '../../../platform/i18n/index.js';
import type { TreeRow } from '../queries/index.js';
import { levelLabel } from './common.js';

/*
 * The structure's organisation chart as server-rendered SVG: each level of commissioning
 * a row, each body a box under its commissioning body. The SVG is an image with a title
 * and description; the list below it on the page carries the same content for assistive
 * technology (and links).
 */

const BOX_W = 170;
const BOX_H = 54;
const GAP_X = 16;
const GAP_Y = 46;
const PAD = 10;

interface Placed {
  row: TreeRow;
  x: number;
  y: number;
}

/** Places the nodes: leaves side by side in tree order, parents centred over their children. */
function layout(nodes: TreeRow[]): { placed: Placed[]; width: number; height: number } {
  const children = new Map<string | null, TreeRow[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const placed: Placed[] = [];
  let nextLeaf = 0;
  let maxDepth = 0;
  const place = (n: TreeRow, depth: number): number => {
    maxDepth = Math.max(maxDepth, depth);
    const kids = children.get(n.id) ?? [];
    let x: number;
    if (kids.length === 0) x = nextLeaf++ * (BOX_W + GAP_X);
    else {
      const xs = kids.map((k) => place(k, depth + 1));
      x = (xs[0]! + xs[xs.length - 1]!) / 2;
    }
    placed.push({ row: n, x: PAD + x, y: PAD + depth * (BOX_H + GAP_Y) });
    return x;
  };
  for (const root of children.get(null) ?? []) place(root, 0);
  return { placed, width: PAD * 2 + Math.max(1, nextLeaf) * (BOX_W + GAP_X) - GAP_X, height: PAD * 2 + (maxDepth + 1) * (BOX_H + GAP_Y) - GAP_Y };
}

/** Breaks a name into at most two lines that fit a box. */
function labelLines(name: string, max = 22): string[] {
  const words = name.split(/\s+/);
  const lines: string[] = [''];
  for (const w of words) {
    const current = lines[lines.length - 1]!;
    if (!current) lines[lines.length - 1] = w;
    else if ((current + ' ' + w).length <= max) lines[lines.length - 1] = `${current} ${w}`;
    else if (lines.length < 2) lines.push(w);
    else {
      lines[1] = `${lines[1]} ${w}`;
    }
  }
  return lines.map((l) => (l.length > max ? `${l.slice(0, max - 1)}…` : l));
}

export function OrgChart(props: { t: Translate; nodes: TreeRow[]; total: number; idPrefix?: string }) {
  const { t, nodes } = props;
  if (!nodes.length) return null;
  const { placed, width, height } = layout(nodes);
  const at = new Map(placed.map((p) => [p.row.id, p]));
  const titleId = `${props.idPrefix ?? 'orgchart'}-title`;
  const descId = `${props.idPrefix ?? 'orgchart'}-desc`;
  return (
    <figure class="orgchart">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{t('structure.overview.chart')}</title>
        <desc id={descId}>{t('structure.overview.chartDesc')}</desc>
        {placed.map((p) => {
          const parent = p.row.parentId ? at.get(p.row.parentId) : undefined;
          if (!parent) return null;
          const x1 = parent.x + BOX_W / 2;
          const y1 = parent.y + BOX_H;
          const x2 = p.x + BOX_W / 2;
          const y2 = p.y;
          const mid = (y1 + y2) / 2;
          return <path class="edge" d={`M${x1} ${y1} V${mid} H${x2} V${y2}`} />;
        })}
        {placed.map((p) => {
          const lines = labelLines(p.row.shortName && p.row.name.length > 40 ? p.row.shortName : p.row.name);
          return (
            <g class={`node level-${p.row.level}${p.row.activeTo ? ' ended' : ''}`}>
              <rect x={p.x} y={p.y} width={BOX_W} height={BOX_H} rx={4} />
              <text x={p.x + 8} y={p.y + 18}>
                {lines.map((line, i) => (
                  <tspan x={p.x + 8} dy={i === 0 ? 0 : 16}>
                    {line}
                  </tspan>
                ))}
              </text>
              <text x={p.x + 8} y={p.y + BOX_H - 7} class="muted">
                {levelLabel(t, p.row.level)}
              </text>
            </g>
          );
        })}
      </svg>
      {props.total > nodes.length ? <figcaption class="muted">{t('structure.overview.chartMore', { shown: nodes.length, total: props.total })}</figcaption> : null}
    </figure>
  );
}
