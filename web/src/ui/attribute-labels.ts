/** The one table of target attribute labels lives with the contracts, so run-item reasons use it too. */
export {
  attributeLabel,
  attributeText,
  labelledAttributes,
} from '../../../src/contracts/attribute-labels.ts';
