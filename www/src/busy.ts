// Work done on the page's thread after an update, outside it (charts drawn in later frames):
// the simulation client counts it into what an update costs, so streaming updates come no more
// often than the page can show them without starving the workers of a core.
export const deferredWork = { ms: 0 };
