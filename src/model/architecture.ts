/**
 * @deprecated Moved to src/shared/architecture.ts. Kept only so that branches written before the move
 * still compile when merged; import from src/shared/ instead (delete this file once nothing does).
 */
export * from '../shared/architecture';
