// Runs in a run's worker thread before the engine's entry: lets the run reach the sandbox CRM.
// The database code is loaded only when the run's script touches CRM data (prepare), so a script
// that does not starts exactly as fast as without a CRM.
import { registerCrmOpener, type CrmOpener, type CrmService } from '../../interp/runtime/crm-service.js';

let impl: CrmOpener | null = null;

registerCrmOpener({
  async prepare() {
    impl ??= (await import('../open.js')).runCrmOpener;
    await impl.prepare();
  },
  open(config) {
    let service: CrmService | null = null;
    const real = (): CrmService => {
      if (!impl) throw new Error('internal: the CRM was used by a run that did not ready it');
      return (service ??= impl.open(config));
    };
    // nothing is opened (or loaded) until the script's first CRM call
    return new Proxy({} as CrmService, {
      get(_t, key) {
        if (!service && (key === 'finish' || key === 'changes')) return () => [];
        const s = real();
        const v = (s as unknown as Record<string | symbol, unknown>)[key];
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(s) : v;
      },
    });
  },
});
