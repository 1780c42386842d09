import { createContext, useContext, type ReactNode } from 'react';
import type { LabController } from './labController';
import type { Autosave } from './persistence';
import { LabContext } from './useLab';

/** The app's two models: the main VAE every section shares, and the CVAE of its own section. */
export type LabName = 'main' | 'cvae';

/**
 * Where the shell gets its labs. The app's (src/hooks/labs.ts) makes a lab on first ask, so the
 * CVAE's worker starts on the first visit to the section that names it; tests pass idle labs.
 */
export interface Labs {
  lab(name: LabName): LabController;
  /** The lab's autosave, started on first ask (it restores the last save). */
  autosave(lab: LabController): Autosave;
}

const LabsContext = createContext<Labs | null>(null);

/** The shell's one provider: every lab by name, and the main VAE as the current lab. */
export function LabsProvider({ labs, children }: { labs: Labs; children: ReactNode }) {
  return (
    <LabsContext.Provider value={labs}>
      <LabContext.Provider value={labs.lab('main')}>{children}</LabContext.Provider>
    </LabsContext.Provider>
  );
}

/** Makes the lab a section declares (src/content/sections.ts) the current one for its page. */
export function SectionLab({ name, children }: { name: LabName; children: ReactNode }) {
  const lab = useLabs().lab(name);
  return <LabContext.Provider value={lab}>{children}</LabContext.Provider>;
}

export function useLabs(): Labs {
  const labs = useContext(LabsContext);
  if (!labs) throw new Error('useLabs needs a <LabsProvider>');
  return labs;
}

/** The main VAE, for a view of another lab that compares itself with it (the CVAE's settings note). */
export function useMainLab(): LabController {
  return useLabs().lab('main');
}
