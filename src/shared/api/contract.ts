/**
 * How a model call is declared: its zod input schema and its answer type, side by side, so that the model host
 * validates exactly what the UI is typed to send.
 */
import type { z } from 'zod';

export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Phantom: carries the answer type only. */
  output: Output;
}

export function call<Input extends z.ZodType>(input: Input) {
  return {
    returns<Output>(): CallSpec<Input, Output> {
      return { input, output: undefined as Output };
    },
  };
}

export type CallMap = Record<string, CallSpec<z.ZodType, unknown>>;

/** The typed, promise-returning API a call map describes. One plain-object argument per call. */
export type ApiOf<M extends CallMap> = {
  [K in keyof M]: (input: z.input<M[K]['input']>) => Promise<M[K]['output']>;
};
