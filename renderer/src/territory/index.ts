// Public surface of the Territory feature for other features (eslint: no reaching into its files).
export { territoriesToMeasure, useTerritoryStore } from './territoryStore';
