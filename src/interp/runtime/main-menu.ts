// The main menu (navigator) a MainMenu trigger script builds with getMainMenu(): groups of items,
// as the event's outcome carries it back to the client (stdlib/main-menu.ts changes it; `fire`
// and the Triggers tab print it).

export interface MenuItem {
  label: string;
  url: string;
  onClick: string;
  /** The programmatic id given to addItem; '' when none. */
  itemId: string;
  target: string;
  iconUrl: string;
}

export interface MenuGroup {
  label: string;
  image: string;
  onClick: string;
  items: MenuItem[];
}

/** A copy that shares nothing with the original (the event's menu passes from binding to binding). */
export function copyMenu(groups: readonly MenuGroup[]): MenuGroup[] {
  return groups.map((g) => ({ ...g, items: g.items.map((i) => ({ ...i })) }));
}

/** The menu as indented lines: each group, then its items with what they open. */
export function menuLines(groups: readonly MenuGroup[]): string[] {
  const lines: string[] = [];
  groups.forEach((g, gi) => {
    const extra = [g.image && `image ${g.image}`, g.onClick && `onclick ${g.onClick}`].filter(Boolean).join('; ');
    lines.push(`  ${gi}. ${g.label}${extra ? ` (${extra})` : ''}`);
    g.items.forEach((it, ii) => {
      const more = [it.itemId && `id ${it.itemId}`, it.target && `target ${it.target}`, it.onClick && `onclick ${it.onClick}`, it.iconUrl && `icon ${it.iconUrl}`].filter(Boolean).join('; ');
      lines.push(`     ${ii}. ${it.label}${it.url ? ` -> ${it.url}` : ''}${more ? ` (${more})` : ''}`);
    });
  });
  return lines;
}
