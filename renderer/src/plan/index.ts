// Public surface of the Plan feature for other features (eslint: no reaching into its files).
export { usePlanStore } from './planStore';
