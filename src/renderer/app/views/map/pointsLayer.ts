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

const vertexShader = `#version 300 es
uniform mat4 u_matrix;
uniform float u_size;
uniform float u_sizeScale;
uniform float u_pixelRatio;
in vec2 a_position;
in vec4 a_color;
in float a_size;
out vec4 v_color;
void main() {
  gl_Position = u_matrix * vec4(a_position, 0.0, 1.0);
  gl_PointSize = (u_size + u_sizeScale * a_size) * u_pixelRatio;
  v_color = a_color;
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

export class PointsLayer implements CustomLayerInterface {
  readonly id = 'accounts';
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private gl: WebGL2RenderingContext | null = null;
  private program: WebGLProgram | null = null;
  private vao: WebGLVertexArrayObject | null = null;
  private buffers: { position: WebGLBuffer; color: WebGLBuffer; size: WebGLBuffer } | null = null;
  private count = 0;
  private map: MapLibreMap | null = null;
  private pending: Partial<PointBuffers> | null = null;
  /** Point size grows with revenue when on. */
  sizeByValue = false;
  opacity = 1;
  /** Called after each draw with the time it took on the CPU side (for the benchmark). */
  onDraw: ((ms: number) => void) | null = null;

  onAdd(map: MapLibreMap, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
    const gl2 = gl as WebGL2RenderingContext;
    this.map = map;
    this.gl = gl2;
    const program = gl2.createProgram()!;
    gl2.attachShader(program, compile(gl2, gl2.VERTEX_SHADER, vertexShader));
    gl2.attachShader(program, compile(gl2, gl2.FRAGMENT_SHADER, fragmentShader));
    gl2.linkProgram(program);
    this.program = program;
    this.buffers = { position: gl2.createBuffer()!, color: gl2.createBuffer()!, size: gl2.createBuffer()! };
    this.vao = gl2.createVertexArray();
    gl2.bindVertexArray(this.vao);
    const bind = (buffer: WebGLBuffer, name: string, size: number, type: number, normalized: boolean) => {
      const location = gl2.getAttribLocation(program, name);
      gl2.bindBuffer(gl2.ARRAY_BUFFER, buffer);
      gl2.enableVertexAttribArray(location);
      gl2.vertexAttribPointer(location, size, type, normalized, 0, 0);
    };
    bind(this.buffers.position, 'a_position', 2, gl2.FLOAT, false);
    bind(this.buffers.color, 'a_color', 4, gl2.UNSIGNED_BYTE, true);
    bind(this.buffers.size, 'a_size', 1, gl2.FLOAT, false);
    gl2.bindVertexArray(null);
    if (this.pending) this.upload(this.pending);
  }

  /** Replaces some or all of the point arrays (positions set the count). */
  setData(data: Partial<PointBuffers>): void {
    if (!this.gl) {
      this.pending = { ...this.pending, ...data };
      return;
    }
    this.upload(data);
    this.map?.triggerRepaint();
  }

  private upload(data: Partial<PointBuffers>): void {
    const gl = this.gl!;
    const b = this.buffers!;
    if (data.positions) {
      gl.bindBuffer(gl.ARRAY_BUFFER, b.position);
      gl.bufferData(gl.ARRAY_BUFFER, data.positions, gl.STATIC_DRAW);
      this.count = data.positions.length / 2;
    }
    if (data.colors) {
      gl.bindBuffer(gl.ARRAY_BUFFER, b.color);
      gl.bufferData(gl.ARRAY_BUFFER, data.colors, gl.STATIC_DRAW);
    }
    if (data.sizes) {
      gl.bindBuffer(gl.ARRAY_BUFFER, b.size);
      gl.bufferData(gl.ARRAY_BUFFER, data.sizes, gl.STATIC_DRAW);
    }
    this.pending = null;
  }

  render(gl: WebGLRenderingContext | WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    if (!this.program || this.count === 0 || !this.map) return;
    const started = performance.now();
    const gl2 = gl as WebGL2RenderingContext;
    const zoom = this.map.getZoom();
    // Zoomed out a point is a pixel or two and translucent (density); zoomed in, a readable dot.
    const base = Math.max(3, Math.min(9, 2 + zoom * 0.7));
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
    gl2.enable(gl2.BLEND);
    gl2.blendFunc(gl2.ONE, gl2.ONE_MINUS_SRC_ALPHA);
    gl2.bindVertexArray(this.vao);
    gl2.drawArrays(gl2.POINTS, 0, this.count);
    gl2.bindVertexArray(null);
    this.onDraw?.(performance.now() - started);
  }

  onRemove(): void {
    const gl = this.gl;
    if (!gl) return;
    if (this.buffers) for (const buffer of Object.values(this.buffers)) gl.deleteBuffer(buffer);
    if (this.vao) gl.deleteVertexArray(this.vao);
    if (this.program) gl.deleteProgram(this.program);
    this.gl = null;
  }
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
