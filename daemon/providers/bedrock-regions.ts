// Which `terms.region` a Bedrock catalogue entry may declare, given where its provider actually sends requests. A
// policy's `regions: [eu]` trusts the declared region; this keeps the declaration honest: a model served from
// us-east-1 cannot claim `eu`, and a cross-region inference profile (`us.…`, `eu.…`, `global.…`) must declare the
// geography it may be processed anywhere in, not the one region it is called from.

/** AWS regions inside the European Union. London (eu-west-2) and Zurich (eu-central-2) are in Europe but not the EU. */
const EU_REGIONS = new Set(['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eusc-de-east-1']);

/** The geography a policy names for an AWS region, or null when Airlock knows none for it. */
export function awsGeography(region: string): string | null {
  if (EU_REGIONS.has(region)) return 'eu';
  if (/^us-(?!gov-)/.test(region)) return 'us';
  return null;
}

/** Inference-profile prefixes and the geography their requests may be processed in. */
const PROFILE_GEOGRAPHY: Record<string, string> = { global: 'global', us: 'us', eu: 'eu', apac: 'apac', jp: 'jp', au: 'au', ca: 'ca', 'us-gov': 'us' };

/** The `terms.region` values honest for `modelId` served through a Bedrock provider in `region`. */
export function honestRegions(region: string, modelId: string): string[] {
  const prefix = /^([a-z-]+)\./.exec(modelId)?.[1];
  const profile = prefix !== undefined ? PROFILE_GEOGRAPHY[prefix] : undefined;
  if (profile) return [profile];
  const geography = awsGeography(region);
  return geography ? [region, geography] : [region];
}
