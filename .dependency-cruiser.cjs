// The layers of docs/architecture.md, kept true: `npm run lint` fails on an import cycle or on an
// import against the flow (the vendor client, the query language and the figures know nothing of
// Slack, the store, the jobs or the terminals; Block Kit rendering never touches the store).

const CORE = "^src/(callkit|query|report|time|trtc)/";
const OUTER =
  "^src/(slack|store|digest|alerts|archive|app|cli|demo|testbed|routing|records|runtime|charts|diagnosis)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles make the load order matter and hide which module owns what.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-knows-no-outside",
      severity: "error",
      comment:
        "callkit/, query/, report/, time/ and trtc/ are pure or vendor-facing: no Slack, store, jobs or terminals.",
      from: { path: CORE },
      to: { path: OUTER },
    },
    {
      name: "core-knows-no-slack-sdk",
      severity: "error",
      from: { path: CORE },
      to: { path: "node_modules/@slack/" },
    },
    {
      name: "digest-knows-no-slack",
      severity: "error",
      comment:
        "The digest reads days and decides posting; rendering and posting are the Slack side's.",
      from: { path: "^src/digest/" },
      to: { path: ["^src/(slack|app|cli|demo|testbed)/", "node_modules/@slack/"] },
    },
    {
      name: "alerts-know-no-slack",
      severity: "error",
      comment:
        "Alerts read rules and the archive and decide what to post; rendering and posting are the Slack side's (through the digest's ChannelPoster port).",
      from: { path: "^src/alerts/" },
      to: { path: ["^src/(slack|app|cli|demo|testbed)/", "node_modules/@slack/"] },
    },
    {
      name: "records-and-routing-know-no-slack",
      severity: "error",
      from: { path: "^src/(records|routing|archive)/" },
      to: { path: ["^src/(slack|app|cli|demo|testbed|digest|alerts)/", "node_modules/@slack/"] },
    },
    {
      name: "diagnosis-knows-no-slack",
      severity: "error",
      comment:
        "The diagnosis is data about a call (TRTC's cloud API, read through trtc/); Slack renders it.",
      from: { path: "^src/diagnosis/" },
      to: {
        path: ["^src/(slack|app|cli|demo|testbed|digest|archive|routing)/", "node_modules/@slack/"],
      },
    },
    {
      name: "store-is-a-leaf",
      severity: "error",
      comment: "Persistence serves the features; it never calls them.",
      from: { path: "^src/store/" },
      to: {
        path: "^src/(slack|digest|alerts|archive|app|cli|demo|testbed|routing|records|runtime)/",
      },
    },
    {
      name: "blocks-are-pure",
      severity: "error",
      comment: "Block Kit rendering is pure functions from data to blocks: no store, no I/O.",
      from: { path: "^src/slack/blocks/" },
      to: {
        path: [
          "^src/(store|digest/runner|digest/scheduler|alerts/engine|archive|app|routing)",
          "^src/slack/(listeners|messaging)/",
        ],
      },
    },
    {
      name: "charts-are-pure-figures",
      severity: "error",
      comment:
        "Charts are pure functions from figures to SVG (and png.ts to rasterise): no Slack, no store, no jobs, no I/O.",
      from: { path: "^src/charts/" },
      to: {
        path: [
          "^src/(slack|store|digest|archive|app|cli|demo|testbed|routing|records|runtime)/",
          "node_modules/@slack/",
        ],
      },
    },
    {
      name: "testbed-only-in-demo-and-cli",
      severity: "error",
      comment:
        "The simulator and the Slack stand-in are test and demo infrastructure: production code never loads them.",
      from: { path: "^src/", pathNot: "^src/(testbed|demo|cli)/" },
      to: { path: "^src/testbed/" },
    },
    {
      name: "testbed-knows-no-app",
      severity: "error",
      comment: "The stand-ins play the vendor and Slack; they must not lean on the code they test.",
      from: { path: "^src/testbed/" },
      to: {
        path: "^src/(slack|store|digest|alerts|archive|app|cli|demo|routing|records|runtime|trtc|diagnosis)/",
      },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "not-to-dev-dep",
      severity: "error",
      comment: "npm start must not need a devDependency.",
      from: { path: "^src/", pathNot: "^src/(testbed|demo)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
  },
};
