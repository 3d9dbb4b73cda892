/**
 * Accounts as a MapLibre custom WebGL layer: positions, colours and sizes live in typed arrays uploaded once as
 * vertex buffers, so a million points cost one draw call and no per-point object anywhere.
 *
 * Positions are Web Mercator in [0, 1] (the space MapLibre's projection matrix expects), as Float32. Zoomed out,
 * points shrink and blend: overlapping points build up into a density picture instead of a solid blot.
 */
import type { CustomLayerInterface, CustomRenderMethodInput, Map as MapLibreMap } from 'maplibre-gl';
import type { RecordPoints } from '../../../../shared/api';
import type { Territory } from '../../../../shared/domain';
import { mapColors } from './basemap';
import {
  aggregate,
  bitsOfLevel,
  countIn,
  levelFor,
  LEVEL_COUNT,
  pointKeys,
  rawLevel,
  sortedOrder,
  type PointLevel,
} from './pointPyramid';

const vertexShader = `#version 300 es
uniform mat4 u_matrix;
uniform float u_size;
uniform float u_sizeScale;
uniform float u_pixelRatio;
uniform float u_aggregated;
in vec2 a_position;
in vec4 a_color;
in float a_size;
in float a_count;
out vec4 v_color;
void main() {
  gl_Position = u_matrix * vec4(a_position, 0.0, 1.0);
  gl_PointSize = (u_size + u_sizeScale * a_size) * u_pixelRatio;
  // A dot standing for many points is more opaque than one standing for a few: density survives aggregation.
  float density = mix(1.0, clamp(0.45 + 0.15 * log2(a_count), 0.45, 1.0), u_aggregated);
  v_color = vec4(a_color.rgb, a_color.a * density);
}`;

const fragmentShader = `#version 300 es
precision mediump float;
uniform float u_opacity;
uniform float u_rim;
in vec4 v_color;
out vec4 fragColor;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r = dot(c, c);
  if (r > 1.0) discard;
  // A white rim where the point is big enough to show one (a ring marks points highlighted by compare).
  float rim = smoothstep(0.55, 0.75, r);
  vec3 rgb = mix(v_color.rgb, vec3(1.0), rim * 0.6 * u_rim);
  fragColor = vec4(rgb * u_opacity * v_color.a, u_opacity * v_color.a);
}`;

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(shader) ?? 'shader');
  return shader;
}

function sameArray(a: ArrayLike<number | string> | undefined, b: ArrayLike<number | string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether two answers of getRecordPoints put the same points in the same places and territories: a change the
 * model announces for territories (a region picked, an area drawn, a colour) often moves no point, and the map then
 * keeps what it has on the GPU. Colours are the plan store's, not compared here.
 */
export function samePoints(a: RecordPoints, b: RecordPoints): boolean {
  return (
    sameArray(a.recordIds, b.recordIds) &&
    sameArray(a.lonLat, b.lonLat) &&
    sameArray(a.territoryOfPoint, b.territoryOfPoint) &&
    sameArray(a.territoryIds, b.territoryIds)
  );
}

/** Longitude/latitude pairs to Web Mercator [0, 1] pairs. */
export function toMercator(lonLat: Float32Array): Float32Array {
  const out = new Float32Array(lonLat.length);
  for (let i = 0; i < lonLat.length; i += 2) {
    out[i] = (lonLat[i] + 180) / 360;
    const lat = Math.max(-85.05112878, Math.min(85.05112878, lonLat[i + 1]));
    const s = Math.sin((lat * Math.PI) / 180);
    out[i + 1] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }
  return out;
}

export interface PointBuffers {
  /** Mercator x, y per point. */
  positions: Float32Array;
  /** RGBA per point. */
  colors: Uint8Array;
  /** 0..1 per point: the share of the largest value, for sizing by revenue. */
  sizes: Float32Array;
}

interface LevelBuffers {
  vao: WebGLVertexArrayObject;
  buffers: WebGLBuffer[];
}

export class PointsLayer implements CustomLayerInterface {
  readonly id = 'accounts';
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private gl: WebGL2RenderingContext | null = null;
  private program: WebGLProgram | null = null;
  private map: MapLibreMap | null = null;
  /** The arrays as last given, in the caller's point order. */
  private data: PointBuffers = {
    positions: new Float32Array(0),
    colors: new Uint8Array(0),
    sizes: new Float32Array(0),
  };
  private sorted: { keys: Uint32Array; order: Uint32Array } | null = null;
  /** The raw points (index 0) and the aggregated levels, each built the first time a frame needs it. */
  private levels: (PointLevel | undefined)[] | null = null;
  /** GPU buffers per level, uploaded the first time a level is drawn. */
  private uploaded = new Map<number, LevelBuffers>();
  /** Point size grows with revenue when on. */
  sizeByValue = false;
  opacity = 1;
  /** Called after each draw with what it drew (for the benchmark and tests). */
  onDraw: ((drawn: { ms: number; level: number; entries: number }) => void) | null = null;

  onAdd(map: MapLibreMap, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
    const gl2 = gl as WebGL2RenderingContext;
    this.map = map;
    this.gl = gl2;
    const program = gl2.createProgram()!;
    gl2.attachShader(program, compile(gl2, gl2.VERTEX_SHADER, vertexShader));
    gl2.attachShader(program, compile(gl2, gl2.FRAGMENT_SHADER, fragmentShader));
    gl2.linkProgram(program);
    this.program = program;
  }

  /** Replaces some or all of the point arrays (positions set the count); the level pyramid is rebuilt. */
  setData(data: Partial<PointBuffers>): void {
    this.data = { ...this.data, ...data };
    if (data.positions) this.sorted = null;
    this.levels = null;
    this.release();
    this.map?.triggerRepaint();
  }

  /** A level of the pyramid, built on first need after a change (null without points). */
  private level(index: number): PointLevel | null {
    const { positions, colors, sizes } = this.data;
    const n = positions.length / 2;
    if (n === 0 || colors.length !== 4 * n) return null;
    if (!this.levels) {
      if (!this.sorted) {
        const keys = pointKeys(positions);
        this.sorted = { keys, order: sortedOrder(keys) };
      }
      const s = sizes.length === n ? sizes : new Float32Array(n);
      this.levels = new Array<PointLevel | undefined>(LEVEL_COUNT);
      this.levels[0] = rawLevel(this.sorted.keys, this.sorted.order, positions, colors, s);
    }
    return (this.levels[index] ??= aggregate(this.levels[0]!, bitsOfLevel(index)));
  }

  private buffersOf(index: number, level: PointLevel): LevelBuffers {
    const existing = this.uploaded.get(index);
    if (existing) return existing;
    const gl = this.gl!;
    const program = this.program!;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    const buffers: WebGLBuffer[] = [];
    const bind = (array: ArrayBufferView, name: string, size: number, type: number, normalized: boolean) => {
      const buffer = gl.createBuffer()!;
      buffers.push(buffer);
      const location = gl.getAttribLocation(program, name);
      gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
      gl.bufferData(gl.ARRAY_BUFFER, array, gl.STATIC_DRAW);
      gl.enableVertexAttribArray(location);
      gl.vertexAttribPointer(location, size, type, normalized, 0, 0);
    };
    bind(level.positions, 'a_position', 2, gl.FLOAT, false);
    bind(level.colors, 'a_color', 4, gl.UNSIGNED_BYTE, true);
    bind(level.sizes, 'a_size', 1, gl.FLOAT, false);
    bind(level.counts, 'a_count', 1, gl.FLOAT, false);
    gl.bindVertexArray(null);
    const uploaded = { vao, buffers };
    this.uploaded.set(index, uploaded);
    return uploaded;
  }

  private release(): void {
    const gl = this.gl;
    if (gl) {
      for (const { vao, buffers } of this.uploaded.values()) {
        for (const buffer of buffers) gl.deleteBuffer(buffer);
        gl.deleteVertexArray(vao);
      }
    }
    this.uploaded.clear();
  }

  render(gl: WebGLRenderingContext | WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    if (!this.program || !this.map) return;
    const raw = this.level(0);
    if (!raw) return;
    const started = performance.now();
    const gl2 = gl as WebGL2RenderingContext;
    const zoom = this.map.getZoom();
    const bounds = this.map.getBounds();
    const [west, north] = mercatorOf(bounds.getWest(), bounds.getNorth());
    const [east, south] = mercatorOf(bounds.getEast(), bounds.getSouth());
    // Zoomed out a point is a pixel or two and translucent (density); zoomed in, a readable dot.
    const base = Math.max(3, Math.min(9, 2 + zoom * 0.7));
    const { index, ranges } = levelFor(
      (i) => this.level(i)!,
      zoom,
      { minX: west, maxX: east, minY: north, maxY: south },
      base / 1.5,
    );
    const level = this.level(index)!;
    const opacity = this.opacity * Math.max(0.55, Math.min(0.9, 0.4 + zoom * 0.1));
    gl2.useProgram(this.program);
    gl2.uniformMatrix4fv(
      gl2.getUniformLocation(this.program, 'u_matrix'),
      false,
      options.defaultProjectionData.mainMatrix as Float32Array,
    );
    gl2.uniform1f(gl2.getUniformLocation(this.program, 'u_size'), base);
    gl2.uniform1f(gl2.getUniformLocation(this.program, 'u_sizeScale'), this.sizeByValue ? base * 3 : 0);
    gl2.uniform1f(gl2.getUniformLocation(this.program, 'u_pixelRatio'), window.devicePixelRatio || 1);
    gl2.uniform1f(gl2.getUniformLocation(this.program, 'u_opacity'), opacity);
    gl2.uniform1f(gl2.getUniformLocation(this.program, 'u_rim'), base >= 6 ? 1 : 0);
    gl2.uniform1f(gl2.getUniformLocation(this.program, 'u_aggregated'), level.raw ? 0 : 1);
    gl2.enable(gl2.BLEND);
    gl2.blendFunc(gl2.ONE, gl2.ONE_MINUS_SRC_ALPHA);
    gl2.bindVertexArray(this.buffersOf(index, level).vao);
    for (const [first, count] of ranges) gl2.drawArrays(gl2.POINTS, first, count);
    gl2.bindVertexArray(null);
    this.onDraw?.({ ms: performance.now() - started, level: index, entries: countIn(ranges) });
  }

  onRemove(): void {
    const gl = this.gl;
    if (!gl) return;
    this.release();
    if (this.program) gl.deleteProgram(this.program);
    this.gl = null;
  }
}

/** One longitude/latitude to Web Mercator [0, 1]. */
function mercatorOf(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/** "#rrggbb" to RGB bytes. */
export function rgbOf(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/** Per point RGBA from its territory's colour; compare mode fades points that do not move. */
export function pointColors(
  points: Pick<RecordPoints, 'recordIds' | 'territoryOfPoint' | 'territoryIds'>,
  territories: readonly Pick<Territory, 'id' | 'color'>[],
  moved: Uint8Array | null,
  focused: string | null,
): Uint8Array {
  const n = points.recordIds.length;
  const out = new Uint8Array(n * 4);
  const colorOf = new Map(territories.map((t) => [t.id, t.color]));
  const ids = points.territoryIds ?? [];
  const palette = ids.map((id) => rgbOf(colorOf.get(id) ?? mapColors.unassigned));
  const grey = rgbOf(mapColors.unassigned);
  const focusIndex = focused ? ids.indexOf(focused) : -1;
  for (let i = 0; i < n; i++) {
    const t = points.territoryOfPoint ? points.territoryOfPoint[i] : -1;
    const [r, g, b] = t >= 0 ? palette[t] : grey;
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    let alpha = 255;
    if (moved) alpha = moved[i] ? 255 : 40;
    else if (focused && t !== focusIndex) alpha = 25;
    out[4 * i + 3] = alpha;
  }
  return out;
}
