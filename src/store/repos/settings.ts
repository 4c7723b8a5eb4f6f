/** Settings. */
import type {
  Settings,
  StoreData,
} from '../schema.js';
import { assign } from './common.js';

export function updateSettings(
  d: StoreData,
  patch: Partial<Omit<Settings, 'features'>> & { features?: Partial<Settings['features']> },
): Settings {
  const { features, ...rest } = patch;
  assign(d.settings, rest);
  if (features) assign(d.settings.features, features);
  return d.settings;
}
