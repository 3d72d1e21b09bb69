/**
 * Colours from VS Code's theme variables (set on the webview's <html> element), so plots follow
 * light, dark and high-contrast themes. Outside VS Code (or when a variable is missing) the light
 * defaults apply.
 */
import { LIGHT_THEME, type Theme } from '../../contract/render/theme';

function cssVar(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim();
}

export function isHighContrast(): boolean {
  const c = document.body?.classList;
  return !!c && (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light'));
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const pick = (fallback: string, ...names: string[]) => {
    for (const n of names) {
      const v = cssVar(style, n);
      if (v) return v;
    }
    return fallback;
  };
  const foreground = pick(LIGHT_THEME.foreground, '--vscode-editor-foreground', '--vscode-foreground');
  return {
    foreground,
    background: pick(LIGHT_THEME.background, '--vscode-editor-background'),
    grid: pick(LIGHT_THEME.grid, '--vscode-editorWidget-border', '--vscode-panel-border', '--vscode-widget-border'),
    positive: pick(LIGHT_THEME.positive, '--vscode-charts-blue'),
    negative: pick(LIGHT_THEME.negative, '--vscode-charts-orange'),
    band: pick(LIGHT_THEME.band, '--vscode-charts-yellow'),
    margin: pick(foreground, '--vscode-editor-foreground'),
    ghost: pick(LIGHT_THEME.ghost, '--vscode-descriptionForeground', '--vscode-disabledForeground'),
    easy: pick(LIGHT_THEME.easy, '--vscode-charts-green'),
    semiHard: pick(LIGHT_THEME.semiHard, '--vscode-charts-yellow'),
    hard: pick(LIGHT_THEME.hard, '--vscode-charts-purple'),
    accent: pick(LIGHT_THEME.accent, '--vscode-charts-blue', '--vscode-focusBorder'),
  };
}
