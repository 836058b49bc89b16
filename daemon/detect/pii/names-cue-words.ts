// Word lists for the cue-based name recogniser: the cues that mark a person whatever their name, and the
// products, services and organisations that stand in the same places ("Docker, can you…", "Stripe said").

/** Kinship and role nouns after a possessive: "my son X", "our landlord X", "her manager X". */
export const RELATIONS =
  'son|daughter|kid|kids|child|boy|girl|baby|wife|husband|partner|spouse|mom|mum|mother|dad|father|brother|sister|aunt|uncle|cousin|' +
  'grandma|grandpa|grandmother|grandfather|granddaughter|grandson|niece|nephew|friend|bestie|boss|manager|colleague|coworker|co-worker|' +
  'teammate|landlord|landlady|tenant|neighbor|neighbour|doctor|dentist|therapist|lawyer|attorney|accountant|client|customer|patient|' +
  'intern|assistant|supervisor|lead|team lead|tech lead|mentor|teacher|tutor|student|girlfriend|boyfriend|fiancé|fiancée|fiance|fiancee|' +
  'roommate|flatmate|ex|stepson|stepdaughter|nanny|employee|recruiter|contractor|cto|ceo|cfo|vp|director|pm|product manager';

/** Form and transcript labels whose whole value is a name: "name: X", "User: X", "Patient: X". */
export const FORM_LABELS =
  'name|full name|first name|last name|surname|given name|user|username|customer|client|patient|contact|employee|assignee|reporter|' +
  'author|owner|candidate|applicant|student|tenant|guest|passenger|recipient|sender|attendee|speaker|interviewer|interviewee|agent|caller|' +
  'nombre|nom|vorname|nachname|nome|naam|imię|nazwisko';

/** What comes right after a vocative comma: "X, can you…", "X, please…". */
export const VOCATIVE_NEXT = 'can you|could you|would you|will you|can i|could i|may i|can we|could we|please|pls|plz|do you|did you|are you|have you|thanks|thank you|any news|any update';

/** Sign-off lines after which the last line of a message is its author. */
export const SIGN_OFF = /^(?:best|best regards|kind regards|regards|cheers|thanks|thank you|many thanks|thx|sincerely|yours|warmly|love|br|--|—|-)[,.!]?$/i;

/** After a name: speech, judgement and possession. */
export const AFTER_VERBS = 'said|says|told me|told us|asked me|asked us|wrote to|replied|promised|complained|emailed|texted';
/** Judgements of people, not of things ("the parent type is not present" must not read as one). */
export const JUDGED = 'is (?:very |really |always |super |so |quite |extremely |too )?(?:reliable|helpful|kind|friendly|trustworthy|competent|experienced|talented|annoying|rude|lazy|late|sick|ill|absent|pregnant|on leave|on vacation|on holiday|out sick)';
export const OWNED =
  'account|accounts|email|e-mail|phone|number|address|password|profile|birthday|salary|payslip|wife|husband|mom|mum|dad|son|daughter|kids|' +
  'children|notes|laptop|car|house|flat|apartment|medical|record|records|ssn|passport|details|contact|manager|desk|schedule|calendar|' +
  'mailbox|inbox|visa|diagnosis|prescription|contract|review|performance|resignation|cv|resume|bank|card|login|credentials';

/** Products, services, organisations and tools that sit where names sit in a developer's prompt. */
export const NOT_PEOPLE = new Set(
  ('docker kubernetes k8s github gitlab bitbucket stripe postgres postgresql mysql mariadb redis mongo mongodb kafka nginx apache ' +
    'terraform ansible jenkins circleci vercel netlify heroku aws azure gcp google microsoft apple amazon meta facebook twitter slack ' +
    'discord zoom teams jira confluence notion figma copilot claude chatgpt gpt openai anthropic gemini bard llama mistral ollama npm ' +
    'yarn pnpm webpack vite babel eslint prettier typescript javascript node nodejs deno bun react angular svelte nextjs nuxt firefox ' +
    'chrome safari edge linux ubuntu debian fedora macos ios windows android git cargo rustc gcc clang llvm python java kotlin swift ' +
    'sentry datadog grafana prometheus elastic elasticsearch kibana splunk okta auth0 twilio sendgrid mailchimp shopify paypal visa ' +
    'mastercard excel outlook gmail siri alexa cortana bing yahoo reddit youtube tiktok instagram whatsapp telegram signal spotify ' +
    'netflix uber airbnb tesla nvidia intel amd ibm oracle sap salesforce cloudflare fastly akamai digitalocean supabase firebase vault ' +
    'consul nomad openshift helm istio envoy traefik caddy postman insomnia vscode vim emacs neovim intellij xcode bazel gradle maven ' +
    'sonarqube snyk dependabot renovate codecov travis actions lambda bigquery snowflake databricks airflow spark hadoop pandas numpy ' +
    'pytorch tensorflow keras jupyter kubectl minikube rancher portainer watson everyone someone nobody anyone somebody team support ' +
    'admin root user you api system server client compiler linter browser bot staff security legal finance hr it ops devops sre qa ' +
    'visual studio code okay ok alright sure yeah yep yup nope hmm hmmm oops sorry btw fyi guys folks people hey hi hello')
    .split(' '),
);

/**
 * Countries and large cities that are also in the name lists ("Paris", "Madrid", "Sydney", "Florence"): a name
 * finding made only of these and held by no cue is a place ("Paris, Berlin and Madrid all show the spike").
 */
export const PLACES = new Set(
  ('paris madrid rome milan florence venice naples vienna prague warsaw krakow budapest lisbon porto barcelona valencia seville ' +
    'athens sofia bucharest belgrade zagreb oslo stockholm helsinki copenhagen riga tallinn vilnius brussels geneva zurich lyon ' +
    'marseille nice munich hamburg frankfurt cologne sydney melbourne perth adelaide brisbane auckland wellington austin dallas houston ' +
    'phoenix denver atlanta miami orlando tampa portland nashville memphis charlotte raleigh richmond jackson madison lincoln ' +
    'columbus cleveland detroit savannah tokyo osaka kyoto seoul beijing shanghai shenzhen hong kong taipei manila jakarta bangkok hanoi ' +
    'cairo lagos nairobi accra dakar lima quito bogota santiago caracas havana montreal vancouver calgary ottawa quebec ' +
    'india china japan brazil chile peru mexico canada france spain italy germany austria poland norway sweden finland denmark ' +
    'ireland israel jordan kenya ghana nigeria georgia victoria virginia carolina dakota indiana montana nevada florida ' +
    'america europe asia africa australia são paulo zürich münchen köln düsseldorf kraków łódź wrocław gdańsk malmö göteborg ' +
    'reykjavík bogotá méxico montréal québec türkiye curaçao réunion île côte ivoire brasília medellín málaga córdoba')
    .split(' '),
);
