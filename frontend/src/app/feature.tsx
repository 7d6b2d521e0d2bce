import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../api/types';
import { RequireRole } from './guards';

/** A submenu of the side menu that entries of one or more features share (评估评价). */
export interface MenuGroup {
  key: string;
  labelKey: string;
  icon: ReactNode;
}

/** One entry of the side menu; `order` places it among the other features' entries. */
export interface MenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  visible: (role: Role) => boolean;
  order: number;
  /**
   * Shown inside this submenu, which takes the place of its first visible entry; a role that
   * sees none of its entries does not see the submenu.
   */
  group?: MenuGroup;
}

/**
 * A control of the signed-in header, placed before the user's name (the notifications bell);
 * `order` places it among the other features' controls. It stays visible on a phone, so it
 * should be an icon.
 */
export interface HeaderItem {
  key: string;
  order: number;
  Component: ComponentType;
}

/**
 * What a feature folder brings to the app, declared in its own `feature.tsx` and collected by
 * `app/features.ts`: adding a feature touches its folder (and the i18n files), not the router or
 * the menu.
 */
export interface Feature {
  /** Pages inside the signed-in shell, paths relative to `/`. */
  routes?: RouteObject[];
  /** Pages outside the shell, open to everyone (the login page, the public showcase). */
  publicRoutes?: RouteObject[];
  menu?: MenuEntry[];
  header?: HeaderItem[];
}

export const everyone = () => true;

/**
 * A route.lazy loader for a page component exported by name, behind a role check when given: the
 * page (and its forms, charts and maps) loads on first visit, so it stays out of the main bundle.
 */
export function lazyPage<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K & (M[K] extends ComponentType ? K : never),
  allowed?: (role: Role) => boolean,
) {
  return async () => {
    const Page = (await load())[name] as ComponentType;
    return {
      Component: allowed
        ? () => (
            <RequireRole allowed={allowed}>
              <Page />
            </RequireRole>
          )
        : Page,
    };
  };
}

/** An eagerly loaded page behind a role check. */
export function guarded(allowed: (role: Role) => boolean, page: ReactNode): ReactNode {
  return <RequireRole allowed={allowed}>{page}</RequireRole>;
}
