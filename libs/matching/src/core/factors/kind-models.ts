/** The factor module of each listing kind: one scoring model, read by the scorer and the match engine. */
import type { ListingSide, MatchListingKind } from '../match-types.js';
import type { KindModel } from './factor-kit.js';
import { challengeModel } from './challenge.js';
import { creditProductModel } from './credit-product.js';
import { parkVacancyModel } from './park-vacancy.js';
import { serviceOfferingModel } from './service-offering.js';

export const KIND_MODELS: { readonly [K in MatchListingKind]: KindModel<Extract<ListingSide, { kind: K }>, unknown> } = {
  CREDIT_PRODUCT: creditProductModel,
  SERVICE_OFFERING: serviceOfferingModel,
  CHALLENGE: challengeModel,
  PARK_VACANCY: parkVacancyModel,
};
