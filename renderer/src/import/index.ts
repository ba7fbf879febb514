// Public surface of the Import feature for other features (eslint: no reaching into its files).
export { openSample } from './importActions';
