/**
 * Colours and text styles of the TUI. With NO_COLOR set (https://no-color.org)
 * no colour is used at all; selection and focus stay visible through inverse,
 * bold, dim and markers, which are attributes rather than colours.
 */
import { createContext, useContext } from 'react';
import type { TextProps } from 'ink';

export type Style = Pick<TextProps, 'color' | 'backgroundColor' | 'bold' | 'dimColor' | 'inverse' | 'italic' | 'underline'>;

export function colorDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}

export interface Theme {
  noColor: boolean;
  /** Secondary text: hints, column headers, timestamps. */
  muted: Style;
  /** Titles and the active tab. */
  accent: Style;
  /** Key names in the footer and help. */
  key: Style;
  error: Style;
  success: Style;
  warning: Style;
  /** The selected row of the focused list. */
  selected: Style;
  /** The selected row of a list that does not have the focus. */
  selectedBlurred: Style;
  activeTab: Style;
  /** Border colour of the focused panel (undefined = default). */
  focusBorder: string | undefined;
  blurBorder: string | undefined;
  syntax: {
    keyword: Style;
    type: Style;
    string: Style;
    number: Style;
    comment: Style;
    directive: Style;
    call: Style;
    plain: Style;
  };
}

export function makeTheme(noColor: boolean): Theme {
  if (noColor) {
    return {
      noColor,
      muted: { dimColor: true },
      accent: { bold: true },
      key: { bold: true },
      error: { bold: true },
      success: { bold: true },
      warning: { bold: true },
      selected: { inverse: true },
      selectedBlurred: { underline: true },
      activeTab: { inverse: true, bold: true },
      focusBorder: undefined,
      blurBorder: undefined,
      syntax: {
        keyword: { bold: true },
        type: {},
        string: {},
        number: {},
        comment: { dimColor: true, italic: true },
        directive: { bold: true },
        call: {},
        plain: {},
      },
    };
  }
  return {
    noColor,
    muted: { color: 'gray' },
    accent: { color: 'cyan', bold: true },
    key: { color: 'cyan', bold: true },
    error: { color: 'red' },
    success: { color: 'green' },
    warning: { color: 'yellow' },
    selected: { inverse: true },
    selectedBlurred: { color: 'cyan' },
    activeTab: { color: 'black', backgroundColor: 'cyan', bold: true },
    focusBorder: 'cyan',
    blurBorder: 'gray',
    syntax: {
      keyword: { color: 'magenta', bold: true },
      type: { color: 'cyan' },
      string: { color: 'green' },
      number: { color: 'yellow' },
      comment: { color: 'gray', italic: true },
      directive: { color: 'magenta' },
      call: { color: 'blue' },
      plain: {},
    },
  };
}

/** The theme of this process, decided once from the environment. */
export const theme: Theme = makeTheme(colorDisabled());


export const ThemeContext = createContext<Theme>(theme);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
