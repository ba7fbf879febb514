import type { ReportExtras } from '../../../shared/report/reportExtras';

export type KeyImage = NonNullable<ReportExtras['keyImages']>[number];

/** Up to this many key images fit the report model. */
export const MAX_KEY_IMAGES = 12;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the annotation layer could not be rasterised'));
    img.src = src;
  });
}

/**
 * One viewport pane as a PNG: Cornerstone's canvas (image, labelmap, fused
 * overlays) with its SVG annotation layer drawn on top, plus the phase and
 * position as a caption. Patient name and ID are not burned in, so a
 * de-identified export carries no identity in its pixels.
 */
export async function capturePane(pane: HTMLElement): Promise<KeyImage | null> {
  const element = pane.querySelector<HTMLElement>('.viewer-element');
  const canvas = element?.querySelector<HTMLCanvasElement>('canvas');
  if (!element || !canvas || !canvas.width || !canvas.height) return null;
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const g = out.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#000';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(canvas, 0, 0);
  // The SVG layer is sized in CSS pixels; the canvas in device pixels.
  const cssWidth = element.clientWidth || canvas.width;
  const scale = canvas.width / cssWidth;
  for (const svg of element.querySelectorAll<SVGSVGElement>('svg')) {
    if (!svg.childElementCount) continue;
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', String(svg.clientWidth || cssWidth));
    clone.setAttribute('height', String(svg.clientHeight || element.clientHeight));
    const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
    const img = await loadImage(url);
    g.drawImage(img, 0, 0, img.width * scale, img.height * scale);
  }
  const phase = pane.querySelector('[data-testid="phase-label"]')?.textContent?.trim() ?? '';
  const position = pane.querySelector('[data-testid="slice-position"]')?.textContent?.trim() ?? '';
  const wl = pane.querySelector('[data-testid="window-level"]')?.textContent?.trim() ?? '';
  const caption = [phase, position, wl].filter(Boolean).join(' · ').slice(0, 200) || 'Viewport';
  // Burn the orientation-free facts in as well, so the image stands on its own.
  g.font = `${Math.round(13 * scale)}px sans-serif`;
  g.fillStyle = '#fff';
  g.textBaseline = 'bottom';
  g.fillText(caption, 6 * scale, out.height - 6 * scale);
  const pngBase64 = out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  return { caption, pngBase64, width: out.width, height: out.height };
}

/** Every orthographic pane now on screen (3D panes included when they have a canvas). */
export async function captureVisiblePanes(): Promise<KeyImage[]> {
  const panes = [...document.querySelectorAll<HTMLElement>('[data-testid^="viewport-"]')];
  const shots = await Promise.all(panes.map((p) => capturePane(p)));
  return shots.filter((s): s is KeyImage => s !== null);
}
