// Every GraphQL document the hall faces send, in one place: adapt them here when the API grows,
// and register them from here as persisted documents.

const ERROR = '... on Error { __typename code message } ... on ValidationError { field }';

export const HALLS = `query Halls($first: Int) { halls(first: $first) { edges { node { id name place jurisdictionCode } } } }`;

export const HALL_SCREEN = `query HallScreen($hall: ID!, $date: Date!) {
  hall(id: $hall) { id name nameEnShort phone
    serviceHours(date: $date) { open public { start end } }
    windows { id number name status statusLabel } } }`;

export const CALLING_SCREEN = `query CallingScreen($hall: ID!, $last: Int) {
  callingScreen(hallId: $hall, last: $last) {
    kind ticketId ticketNumber windowId windowNumber windowName itemName calledAt callCount greenChannel text textEn } }`;

export const CALLING_SCREEN_EVENTS = `subscription CallingScreenEvents($hall: ID!) {
  callingScreen(hallId: $hall) {
    kind ticketId ticketNumber windowId windowNumber windowName itemName calledAt callCount greenChannel text textEn } }`;

export const WINDOW_QUEUE_EVENTS = `subscription WindowQueueEvents($window: ID!) {
  windowQueue(windowId: $window) {
    kind ticketId ticketNumber ticketStatus windowId windowNumber windowStatus at concernsThisWindow waitingCount } }`;

export const WAITING_TICKETS = `query WaitingTickets($window: ID!, $first: Int) {
  waitingTickets(windowId: $window, first: $first) { id number status statusLabel greenChannel issuedAt item { code name } } }`;

export const SIGN_IN = `mutation SignIn($username: String!, $password: String!) {
  signIn(username: $username, password: $password) {
    __typename ... on SignInSuccess { token expiresAt user { id displayName staffId } } ... on SignInFailed { code message } } }`;

export const ME = `query Me { me { id username displayName staffId roles { role domain } } }`;

export const MY_WINDOWS = `query MyWindows($staff: ID!) {
  node(id: $staff) { ... on Staff { id name staffNumber
    windows { roleLabel window { id number name status statusLabel
      hall { id name windows { id number name statusLabel } } } } } } }`;

export const WINDOW = `query Window($window: ID!) {
  node(id: $window) { ... on Window { id number name status statusLabel typeLabel
    hall { id name jurisdictionCode windows { id number name statusLabel } }
    department { id name }
    staff { role roleLabel staff { id name staffNumber position department { name } } }
    responsible { basisLabel staff { id name staffNumber position department { name } } } } } }`;

const TICKET_FIELDS = `id number status statusLabel greenChannel issuedAt calledAt callCount startedAt finishedAt
  item { code name materials promisedLimitDays } window { id number } targetWindow { id number }
  case { id serialNumber statusLabel deadlineOn staff { name staffNumber } }`;

export const WINDOW_CURRENT_TICKET = `query WindowCurrentTicket($window: ID!) {
  node(id: $window) { ... on Window { id currentTicket { ${TICKET_FIELDS} } } } }`;

export const RATING_TICKET = `query RatingTicket($id: ID!) {
  ticket(id: $id) { id number status item { name }
    case { id serialNumber item { name } staff { id name staffNumber } } } }`;

const TICKET_MUTATION = (name, input, success) => `mutation ${name[0].toUpperCase()}${name.slice(1)}($input: ${input}!) {
  ${name}(input: $input) { __typename ... on ${success} { ticket { ${TICKET_FIELDS} } } ${ERROR} } }`;

export const CALL_NEXT = TICKET_MUTATION('callNextTicket', 'CallNextTicketInput', 'CallNextTicketSuccess');
export const RECALL = TICKET_MUTATION('recallTicket', 'RecallTicketInput', 'RecallTicketSuccess');
export const NO_SHOW = TICKET_MUTATION('markTicketNoShow', 'MarkTicketNoShowInput', 'MarkTicketNoShowSuccess');
export const START = TICKET_MUTATION('startTicket', 'StartTicketInput', 'StartTicketSuccess');
export const TRANSFER = TICKET_MUTATION('transferTicket', 'TransferTicketInput', 'TransferTicketSuccess');
export const FINISH = `mutation FinishTicket($input: FinishTicketInput!) {
  finishTicket(input: $input) { __typename
    ... on FinishTicketSuccess { ticket { ${TICKET_FIELDS} } case { id serialNumber categoryLabel deadlineOn promisedLimitDays } }
    ${ERROR} } }`;

export const SET_WINDOW_STATUS = `mutation SetWindowStatus($input: WindowStatusInput!) {
  setWindowStatus(input: $input) { __typename ... on WindowStatusSuccess { window { id status statusLabel } } ${ERROR} } }`;

export const KIOSK = `query Kiosk($hall: ID!, $date: Date!) {
  hall(id: $hall) { id name nameEnShort phone
    serviceHours(date: $date) { open public { start end } }
    serviceItems { id code name typeLabel promisedLimitDays department { name } } } }`;

export const SERVICE_HOURS = `query ServiceHours($hall: ID!, $date: Date!) {
  hall(id: $hall) { serviceHours(date: $date) { date open public { start end } } } }`;

export const TAKE_TICKET = `mutation TakeTicket($input: TakeTicketInput!) {
  takeTicket(input: $input) { __typename
    ... on TakeTicketSuccess { ticket { id number issuedAt waitingAhead item { name } hall { name } } }
    ... on HallClosedError { nextOpening }
    ${ERROR} } }`;

export const CHECK_IN_APPOINTMENT = `mutation CheckInAppointment($input: CheckInAppointmentInput!) {
  checkInAppointment(input: $input) { __typename
    ... on CheckInAppointmentSuccess { appointment { id status slotStart slotEnd }
      ticket { id number issuedAt waitingAhead appointmentAt item { name } hall { name } } }
    ${ERROR} } }`;

export const SUBMIT_RATING = `mutation SubmitRating($input: SubmitRatingInput!) {
  submitRating(input: $input) { __typename
    ... on SubmitRatingSuccess { alreadyRated rating { id level levelLabel } } ${ERROR} } }`;

const RATE = 'value numerator denominator target meetsTarget';
const BULLETIN_ROW = `subjectKind subjectId subjectName peopleServed ticketsServed cases completedCases overdueCases
  correctedCases ratings praise complaints ratedCases satisfaction { ${RATE} } ratingRate { ${RATE} }`;

export const BULLETIN = `query Bulletin($hall: ID!, $from: Date!, $to: Date!, $groupBy: BulletinScope!) {
  serviceBulletin(hallId: $hall, from: $from, to: $to, groupBy: $groupBy) {
    from to groupBy ratingRateTarget cadence hall { id name } rows { ${BULLETIN_ROW} } } }`;

export const DRILL_WINDOW = `query DrillWindow($id: ID!) {
  node(id: $id) { ... on Window { id number name statusLabel typeLabel department { name }
    staff { roleLabel staff { name staffNumber } } } } }`;

export const DRILL_STAFF = `query DrillStaff($id: ID!) {
  node(id: $id) { ... on Staff { id name staffNumber position statusLabel department { name }
    windows { roleLabel window { number name } } } } }`;

export const LIVE_HALL = `query LiveHall($hall: ID!) {
  hall(id: $hall) { id name windows { id number name status statusLabel currentTicket { id status } } subHalls { id name } } }`;
