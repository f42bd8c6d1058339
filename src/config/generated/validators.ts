/* Generated from schemas/{daemon,rig,town}.schema.json by scripts/gen-types.mjs (ajv standalone code). Do not edit: run `npm run gen:types`. */
// @ts-nocheck
import runtime_ucs2length from 'ajv/dist/runtime/ucs2length.js';
import runtime_equal from 'ajv/dist/runtime/equal.js';
export const daemon = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://gastown.dev/schemas/daemon.schema.json","title":"DaemonConfig","description":"Gas Town's mayor/daemon.json (daemon.DaemonPatrolConfig). Unknown keys are allowed and survive every gt write; known keys are typed as Gas Town's Go structs read them. null is allowed exactly where the Go field is a pointer, slice or map (null there means unset, like a missing key); in bool, string and number fields Go ignores null, so gt refuses it there.","type":"object","additionalProperties":true,"properties":{"type":{"description":"Gas Town's legacy loader accepts only \"daemon-patrol-config\" or an empty string.","type":"string","enum":["daemon-patrol-config",""]},"version":{"description":"Gas Town's legacy loader rejects versions above 1.","type":"integer","minimum":0,"maximum":1},"heartbeat":{"title":"HeartbeatConfig","description":"Read only by gt doctor; the daemon takes its heartbeat from settings/config.json.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"}}},"patrols":{"title":"PatrolsConfig","description":"null or absent: Gas Town's lifecycle defaults are filled in on the next write.","type":["object","null"],"additionalProperties":true,"properties":{"refinery":{"$ref":"#/definitions/rigScopedPatrol"},"witness":{"$ref":"#/definitions/rigScopedPatrol"},"deacon":{"$ref":"#/definitions/agentPatrol"},"handler":{"$ref":"#/definitions/agentPatrol"},"dolt_server":{"$ref":"#/definitions/doltServer"},"dolt_remotes":{"$ref":"#/definitions/doltRemotes"},"dolt_backup":{"$ref":"#/definitions/doltBackup"},"jsonl_git_backup":{"$ref":"#/definitions/jsonlGitBackup"},"wisp_reaper":{"$ref":"#/definitions/wispReaper"},"doctor_dog":{"$ref":"#/definitions/doctorDog"},"compactor_dog":{"$ref":"#/definitions/compactorDog"},"checkpoint_dog":{"$ref":"#/definitions/intervalPatrol"},"scheduled_maintenance":{"$ref":"#/definitions/scheduledMaintenance"},"main_branch_test":{"$ref":"#/definitions/mainBranchTest"},"quota_dog":{"$ref":"#/definitions/intervalPatrol"},"restart_tracker":{"$ref":"#/definitions/restartTracker"}}},"env":{"title":"DaemonEnv","description":"Exported with os.Setenv by the daemon, gt up and the Mayor, so every agent inherits it.","type":["object","null"],"additionalProperties":{"type":"string"},"properties":{"GT_DOLT_PORT":{"$ref":"#/definitions/portString"},"GT_DOLT_HOST":{"type":"string"},"GT_DOLT_USER":{"type":"string"},"GT_DOLT_PASSWORD":{"type":"string"},"GT_DOLT_LOGLEVEL":{"$ref":"#/definitions/logLevel"},"GT_DOLT_WAIT_TIMEOUT":{"description":"Seconds; a negative value disables SET GLOBAL wait_timeout.","type":"string","pattern":"^-?[0-9]+$"}}}},"definitions":{"goDuration":{"description":"A Go duration string as time.ParseDuration reads it: numbers with units ns, us, ms, s, m, h (\"30m\", \"1h30m\", \"168h\"); \"7d\" is invalid. \"\" means the patrol's default (Gas Town never parses it).","type":"string","pattern":"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},"portString":{"description":"The town's Dolt port as a decimal string, 1024-65535 (as gt config set dolt.port writes it), e.g. \"3308\".","type":"string","pattern":"^[0-9]+$"},"nanoseconds":{"description":"A Go time.Duration: an integer number of nanoseconds (5000000000 = 5s). A string here makes Gas Town discard the whole file.","type":"integer"},"clockTime":{"description":"Local time of day \"HH:MM\" (00:00-23:59).","type":"string","pattern":"^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$"},"maintenanceInterval":{"description":"\"daily\", \"weekly\", \"monthly\" or a Go duration; \"\" means daily.","type":"string","pattern":"^(daily|weekly|monthly|[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},"logLevel":{"description":"Dolt sql-server log level.","type":"string","enum":["trace","debug","info","warning","error","fatal"]},"databaseList":{"description":"Dolt database names; null or absent means the patrol's default.","type":["array","null"],"items":{"type":"string","minLength":1}},"rigList":{"description":"Rig names; empty, null or absent means all rigs.","type":["array","null"],"items":{"type":"string","minLength":1}},"rigScopedPatrol":{"title":"RigScopedPatrolConfig","description":"refinery and witness: enabled when absent; rigs narrows them to a list of rigs.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"type":"string","description":"Not read by the daemon."},"agent":{"type":"string","description":"Not read by the daemon."},"rigs":{"$ref":"#/definitions/rigList"}}},"agentPatrol":{"title":"AgentPatrolConfig","description":"deacon and handler: enabled when absent.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"type":"string","description":"Not read by the daemon."},"agent":{"type":"string","description":"Not read by the daemon."},"rigs":{"$ref":"#/definitions/rigList"}}},"intervalPatrol":{"title":"IntervalPatrolConfig","description":"checkpoint_dog (default interval 10m) and quota_dog (5m).","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"}}},"doltServer":{"title":"DoltServerConfig","description":"Supervision of the town's Dolt SQL server. Durations are integer nanoseconds.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean","description":"true: Gas Town's daemon supervises the server (starts, restarts, writes config.yaml). gt keeps it false when gt supervises and true when the Town manifest says spec.server.supervisor: gastown."},"external":{"type":"boolean","description":"true: health-check only, never start or stop (Gas Town's daemon and gt alike)."},"port":{"type":"integer","minimum":1,"maximum":65535,"description":"A source of the town's port for gt whether or not enabled (after env.GT_DOLT_PORT)."},"host":{"type":"string"},"user":{"type":"string","description":"Empty means root."},"password":{"type":"string"},"data_dir":{"type":"string","description":"Gas Town's daemon needs it; gt always serves <town>/.dolt-data."},"log_file":{"type":"string","description":"Gas Town's daemon needs it; gt always logs to <town>/daemon/dolt.log."},"auto_restart":{"type":"boolean","description":"Declared by Gas Town, never read."},"restart_delay":{"$ref":"#/definitions/nanoseconds","description":"0: the first restart is immediate (doubling base 5s)."},"max_restart_delay":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 5m."},"restart_window":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 10m."},"max_restarts_in_window":{"type":"integer","description":"<= 0 means 5."},"healthy_reset_interval":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 5m."},"health_check_interval":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 30s."}}},"doltRemotes":{"title":"DoltRemotesConfig","description":"Periodic push of databases to their remotes. Needs dolt_server enabled with a data_dir.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 15m."},"databases":{"$ref":"#/definitions/databaseList"},"remote":{"type":"string","description":"Empty means the first remote of each database."},"branch":{"type":"string","description":"Empty means main."}}},"doltBackup":{"title":"DoltBackupConfig","description":"dolt backup sync of <db>-backup; runs only on macOS.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"}}},"jsonlGitBackup":{"title":"JsonlGitBackupConfig","description":"JSONL export of the listed databases into a git repository; a no-op without databases.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"},"git_repo":{"type":"string","description":"Default ~/.dolt-archive/git; must contain .git."},"scrub":{"type":["boolean","null"],"description":"null means true."},"spike_threshold":{"type":["number","null"],"exclusiveMinimum":0,"maximum":1,"description":"null means 0.5."}}},"wispReaper":{"title":"WispReaperConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"dry_run":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"max_age":{"$ref":"#/definitions/goDuration"},"delete_age":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"}}},"doctorDog":{"title":"DoctorDogConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"},"latency_alert_ms":{"type":"number"},"orphan_alert_count":{"type":"integer"},"backup_stale_seconds":{"type":"number"}}},"compactorDog":{"title":"CompactorDogConfig","description":"Without databases it falls back to wisp_reaper.databases, then to [\"hq\"] only.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"threshold":{"type":"integer"},"databases":{"$ref":"#/definitions/databaseList"},"mode":{"type":"string","enum":["flatten","surgical"]},"keep_recent":{"type":"integer"}}},"scheduledMaintenance":{"title":"ScheduledMaintenanceConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"window":{"$ref":"#/definitions/clockTime"},"interval":{"$ref":"#/definitions/maintenanceInterval"},"threshold":{"type":["integer","null"],"description":"null means 1000; 0 means always."}}},"mainBranchTest":{"title":"MainBranchTestConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"timeout":{"$ref":"#/definitions/goDuration"},"rigs":{"$ref":"#/definitions/rigList"}}},"restartTracker":{"title":"RestartTrackerConfig","description":"Agent restart backoff. Durations are integer nanoseconds.","type":["object","null"],"additionalProperties":true,"properties":{"initial_backoff":{"$ref":"#/definitions/nanoseconds"},"max_backoff":{"$ref":"#/definitions/nanoseconds"},"backoff_multiplier":{"type":"number"},"crash_loop_window":{"$ref":"#/definitions/nanoseconds"},"crash_loop_count":{"type":"integer"},"stability_period":{"$ref":"#/definitions/nanoseconds"}}}}};
const schema12 = {"description":"A Go duration string as time.ParseDuration reads it: numbers with units ns, us, ms, s, m, h (\"30m\", \"1h30m\", \"168h\"); \"7d\" is invalid. \"\" means the patrol's default (Gas Town never parses it).","type":"string","pattern":"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"};
const schema57 = {"description":"The town's Dolt port as a decimal string, 1024-65535 (as gt config set dolt.port writes it), e.g. \"3308\".","type":"string","pattern":"^[0-9]+$"};
const schema58 = {"description":"Dolt sql-server log level.","type":"string","enum":["trace","debug","info","warning","error","fatal"]};
const pattern0 = new RegExp("^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$", "u");
const pattern13 = new RegExp("^[0-9]+$", "u");
const pattern14 = new RegExp("^-?[0-9]+$", "u");
const schema13 = {"title":"RigScopedPatrolConfig","description":"refinery and witness: enabled when absent; rigs narrows them to a list of rigs.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"type":"string","description":"Not read by the daemon."},"agent":{"type":"string","description":"Not read by the daemon."},"rigs":{"$ref":"#/definitions/rigList"}}};
const schema14 = {"description":"Rig names; empty, null or absent means all rigs.","type":["array","null"],"items":{"type":"string","minLength":1}};
const func2 = runtime_ucs2length.default;

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema13.type},message:"must be object,null",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.enabled.type,parentSchema:schema13.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 !== "string"){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.interval.type,parentSchema:schema13.properties.interval,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.agent !== undefined){
let data2 = data.agent;
if(typeof data2 !== "string"){
const err3 = {instancePath:instancePath+"/agent",schemaPath:"#/properties/agent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.agent.type,parentSchema:schema13.properties.agent,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.rigs !== undefined){
let data3 = data.rigs;
if((!(Array.isArray(data3))) && (data3 !== null)){
const err4 = {instancePath:instancePath+"/rigs",schemaPath:"#/definitions/rigList/type",keyword:"type",params:{type: schema14.type},message:"must be array,null",schema:schema14.type,parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err5 = {instancePath:instancePath+"/rigs/" + i0,schemaPath:"#/definitions/rigList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.items,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/rigs/" + i0,schemaPath:"#/definitions/rigList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.items.type,parentSchema:schema14.items,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
}
validate11.errors = vErrors;
return errors === 0;
}

const schema15 = {"title":"AgentPatrolConfig","description":"deacon and handler: enabled when absent.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"type":"string","description":"Not read by the daemon."},"agent":{"type":"string","description":"Not read by the daemon."},"rigs":{"$ref":"#/definitions/rigList"}}};

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema15.type},message:"must be object,null",schema:schema15.type,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema15.properties.enabled.type,parentSchema:schema15.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 !== "string"){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.interval.type,parentSchema:schema15.properties.interval,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.agent !== undefined){
let data2 = data.agent;
if(typeof data2 !== "string"){
const err3 = {instancePath:instancePath+"/agent",schemaPath:"#/properties/agent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.agent.type,parentSchema:schema15.properties.agent,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.rigs !== undefined){
let data3 = data.rigs;
if((!(Array.isArray(data3))) && (data3 !== null)){
const err4 = {instancePath:instancePath+"/rigs",schemaPath:"#/definitions/rigList/type",keyword:"type",params:{type: schema14.type},message:"must be array,null",schema:schema14.type,parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err5 = {instancePath:instancePath+"/rigs/" + i0,schemaPath:"#/definitions/rigList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.items,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/rigs/" + i0,schemaPath:"#/definitions/rigList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.items.type,parentSchema:schema14.items,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
}
validate14.errors = vErrors;
return errors === 0;
}

const schema17 = {"title":"DoltServerConfig","description":"Supervision of the town's Dolt SQL server. Durations are integer nanoseconds.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean","description":"true: Gas Town's daemon supervises the server (starts, restarts, writes config.yaml). gt keeps it false when gt supervises and true when the Town manifest says spec.server.supervisor: gastown."},"external":{"type":"boolean","description":"true: health-check only, never start or stop (Gas Town's daemon and gt alike)."},"port":{"type":"integer","minimum":1,"maximum":65535,"description":"A source of the town's port for gt whether or not enabled (after env.GT_DOLT_PORT)."},"host":{"type":"string"},"user":{"type":"string","description":"Empty means root."},"password":{"type":"string"},"data_dir":{"type":"string","description":"Gas Town's daemon needs it; gt always serves <town>/.dolt-data."},"log_file":{"type":"string","description":"Gas Town's daemon needs it; gt always logs to <town>/daemon/dolt.log."},"auto_restart":{"type":"boolean","description":"Declared by Gas Town, never read."},"restart_delay":{"$ref":"#/definitions/nanoseconds","description":"0: the first restart is immediate (doubling base 5s)."},"max_restart_delay":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 5m."},"restart_window":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 10m."},"max_restarts_in_window":{"type":"integer","description":"<= 0 means 5."},"healthy_reset_interval":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 5m."},"health_check_interval":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 30s."}}};
const schema18 = {"description":"A Go time.Duration: an integer number of nanoseconds (5000000000 = 5s). A string here makes Gas Town discard the whole file.","type":"integer"};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema17.type},message:"must be object,null",schema:schema17.type,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema17.properties.enabled.type,parentSchema:schema17.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.external !== undefined){
let data1 = data.external;
if(typeof data1 !== "boolean"){
const err2 = {instancePath:instancePath+"/external",schemaPath:"#/properties/external/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema17.properties.external.type,parentSchema:schema17.properties.external,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.port !== undefined){
let data2 = data.port;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.properties.port.type,parentSchema:schema17.properties.port,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 65535 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema17.properties.port,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema17.properties.port,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.host !== undefined){
let data3 = data.host;
if(typeof data3 !== "string"){
const err6 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.host.type,parentSchema:schema17.properties.host,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.user !== undefined){
let data4 = data.user;
if(typeof data4 !== "string"){
const err7 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.user.type,parentSchema:schema17.properties.user,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.password !== undefined){
let data5 = data.password;
if(typeof data5 !== "string"){
const err8 = {instancePath:instancePath+"/password",schemaPath:"#/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.password.type,parentSchema:schema17.properties.password,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.data_dir !== undefined){
let data6 = data.data_dir;
if(typeof data6 !== "string"){
const err9 = {instancePath:instancePath+"/data_dir",schemaPath:"#/properties/data_dir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.data_dir.type,parentSchema:schema17.properties.data_dir,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.log_file !== undefined){
let data7 = data.log_file;
if(typeof data7 !== "string"){
const err10 = {instancePath:instancePath+"/log_file",schemaPath:"#/properties/log_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.log_file.type,parentSchema:schema17.properties.log_file,data:data7};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.auto_restart !== undefined){
let data8 = data.auto_restart;
if(typeof data8 !== "boolean"){
const err11 = {instancePath:instancePath+"/auto_restart",schemaPath:"#/properties/auto_restart/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema17.properties.auto_restart.type,parentSchema:schema17.properties.auto_restart,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.restart_delay !== undefined){
let data9 = data.restart_delay;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err12 = {instancePath:instancePath+"/restart_delay",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data9};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.max_restart_delay !== undefined){
let data10 = data.max_restart_delay;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err13 = {instancePath:instancePath+"/max_restart_delay",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data10};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.restart_window !== undefined){
let data11 = data.restart_window;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err14 = {instancePath:instancePath+"/restart_window",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data11};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.max_restarts_in_window !== undefined){
let data12 = data.max_restarts_in_window;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err15 = {instancePath:instancePath+"/max_restarts_in_window",schemaPath:"#/properties/max_restarts_in_window/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.properties.max_restarts_in_window.type,parentSchema:schema17.properties.max_restarts_in_window,data:data12};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.healthy_reset_interval !== undefined){
let data13 = data.healthy_reset_interval;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err16 = {instancePath:instancePath+"/healthy_reset_interval",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data13};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.health_check_interval !== undefined){
let data14 = data.health_check_interval;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err17 = {instancePath:instancePath+"/health_check_interval",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data14};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
validate17.errors = vErrors;
return errors === 0;
}

const schema23 = {"title":"DoltRemotesConfig","description":"Periodic push of databases to their remotes. Needs dolt_server enabled with a data_dir.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/nanoseconds","description":"<= 0 means 15m."},"databases":{"$ref":"#/definitions/databaseList"},"remote":{"type":"string","description":"Empty means the first remote of each database."},"branch":{"type":"string","description":"Empty means main."}}};
const schema25 = {"description":"Dolt database names; null or absent means the patrol's default.","type":["array","null"],"items":{"type":"string","minLength":1}};

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema23.type},message:"must be object,null",schema:schema23.type,parentSchema:schema23,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema23.properties.enabled.type,parentSchema:schema23.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.databases !== undefined){
let data2 = data.databases;
if((!(Array.isArray(data2))) && (data2 !== null)){
const err3 = {instancePath:instancePath+"/databases",schemaPath:"#/definitions/databaseList/type",keyword:"type",params:{type: schema25.type},message:"must be array,null",schema:schema25.type,parentSchema:schema25,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err4 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.items.type,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
}
if(data.remote !== undefined){
let data4 = data.remote;
if(typeof data4 !== "string"){
const err6 = {instancePath:instancePath+"/remote",schemaPath:"#/properties/remote/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.properties.remote.type,parentSchema:schema23.properties.remote,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.branch !== undefined){
let data5 = data.branch;
if(typeof data5 !== "string"){
const err7 = {instancePath:instancePath+"/branch",schemaPath:"#/properties/branch/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.properties.branch.type,parentSchema:schema23.properties.branch,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
validate19.errors = vErrors;
return errors === 0;
}

const schema26 = {"title":"DoltBackupConfig","description":"dolt backup sync of <db>-backup; runs only on macOS.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"}}};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema26.type},message:"must be object,null",schema:schema26.type,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema26.properties.enabled.type,parentSchema:schema26.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.databases !== undefined){
let data2 = data.databases;
if((!(Array.isArray(data2))) && (data2 !== null)){
const err4 = {instancePath:instancePath+"/databases",schemaPath:"#/definitions/databaseList/type",keyword:"type",params:{type: schema25.type},message:"must be array,null",schema:schema25.type,parentSchema:schema25,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err5 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.items.type,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
}
validate21.errors = vErrors;
return errors === 0;
}

const schema29 = {"title":"JsonlGitBackupConfig","description":"JSONL export of the listed databases into a git repository; a no-op without databases.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"},"git_repo":{"type":"string","description":"Default ~/.dolt-archive/git; must contain .git."},"scrub":{"type":["boolean","null"],"description":"null means true."},"spike_threshold":{"type":["number","null"],"exclusiveMinimum":0,"maximum":1,"description":"null means 0.5."}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema29.type},message:"must be object,null",schema:schema29.type,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema29.properties.enabled.type,parentSchema:schema29.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.databases !== undefined){
let data2 = data.databases;
if((!(Array.isArray(data2))) && (data2 !== null)){
const err4 = {instancePath:instancePath+"/databases",schemaPath:"#/definitions/databaseList/type",keyword:"type",params:{type: schema25.type},message:"must be array,null",schema:schema25.type,parentSchema:schema25,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err5 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.items.type,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
if(data.git_repo !== undefined){
let data4 = data.git_repo;
if(typeof data4 !== "string"){
const err7 = {instancePath:instancePath+"/git_repo",schemaPath:"#/properties/git_repo/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.git_repo.type,parentSchema:schema29.properties.git_repo,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.scrub !== undefined){
let data5 = data.scrub;
if((typeof data5 !== "boolean") && (data5 !== null)){
const err8 = {instancePath:instancePath+"/scrub",schemaPath:"#/properties/scrub/type",keyword:"type",params:{type: schema29.properties.scrub.type},message:"must be boolean,null",schema:schema29.properties.scrub.type,parentSchema:schema29.properties.scrub,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.spike_threshold !== undefined){
let data6 = data.spike_threshold;
if((!((typeof data6 == "number") && (isFinite(data6)))) && (data6 !== null)){
const err9 = {instancePath:instancePath+"/spike_threshold",schemaPath:"#/properties/spike_threshold/type",keyword:"type",params:{type: schema29.properties.spike_threshold.type},message:"must be number,null",schema:schema29.properties.spike_threshold.type,parentSchema:schema29.properties.spike_threshold,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 1 || isNaN(data6)){
const err10 = {instancePath:instancePath+"/spike_threshold",schemaPath:"#/properties/spike_threshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema29.properties.spike_threshold,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data6 <= 0 || isNaN(data6)){
const err11 = {instancePath:instancePath+"/spike_threshold",schemaPath:"#/properties/spike_threshold/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema29.properties.spike_threshold,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
validate23.errors = vErrors;
return errors === 0;
}

const schema32 = {"title":"WispReaperConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"dry_run":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"max_age":{"$ref":"#/definitions/goDuration"},"delete_age":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema32.type},message:"must be object,null",schema:schema32.type,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.enabled.type,parentSchema:schema32.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.dry_run !== undefined){
let data1 = data.dry_run;
if(typeof data1 !== "boolean"){
const err2 = {instancePath:instancePath+"/dry_run",schemaPath:"#/properties/dry_run/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.dry_run.type,parentSchema:schema32.properties.dry_run,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.interval !== undefined){
let data2 = data.interval;
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err3 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.max_age !== undefined){
let data3 = data.max_age;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err5 = {instancePath:instancePath+"/max_age",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/max_age",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.delete_age !== undefined){
let data4 = data.delete_age;
if(typeof data4 === "string"){
if(!pattern0.test(data4)){
const err7 = {instancePath:instancePath+"/delete_age",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/delete_age",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.databases !== undefined){
let data5 = data.databases;
if((!(Array.isArray(data5))) && (data5 !== null)){
const err9 = {instancePath:instancePath+"/databases",schemaPath:"#/definitions/databaseList/type",keyword:"type",params:{type: schema25.type},message:"must be array,null",schema:schema25.type,parentSchema:schema25,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err10 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.items,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.items.type,parentSchema:schema25.items,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
}
validate25.errors = vErrors;
return errors === 0;
}

const schema37 = {"title":"DoctorDogConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"databases":{"$ref":"#/definitions/databaseList"},"latency_alert_ms":{"type":"number"},"orphan_alert_count":{"type":"integer"},"backup_stale_seconds":{"type":"number"}}};

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema37.type},message:"must be object,null",schema:schema37.type,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema37.properties.enabled.type,parentSchema:schema37.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.databases !== undefined){
let data2 = data.databases;
if((!(Array.isArray(data2))) && (data2 !== null)){
const err4 = {instancePath:instancePath+"/databases",schemaPath:"#/definitions/databaseList/type",keyword:"type",params:{type: schema25.type},message:"must be array,null",schema:schema25.type,parentSchema:schema25,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err5 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.items.type,parentSchema:schema25.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
if(data.latency_alert_ms !== undefined){
let data4 = data.latency_alert_ms;
if(!((typeof data4 == "number") && (isFinite(data4)))){
const err7 = {instancePath:instancePath+"/latency_alert_ms",schemaPath:"#/properties/latency_alert_ms/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema37.properties.latency_alert_ms.type,parentSchema:schema37.properties.latency_alert_ms,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.orphan_alert_count !== undefined){
let data5 = data.orphan_alert_count;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err8 = {instancePath:instancePath+"/orphan_alert_count",schemaPath:"#/properties/orphan_alert_count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema37.properties.orphan_alert_count.type,parentSchema:schema37.properties.orphan_alert_count,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.backup_stale_seconds !== undefined){
let data6 = data.backup_stale_seconds;
if(!((typeof data6 == "number") && (isFinite(data6)))){
const err9 = {instancePath:instancePath+"/backup_stale_seconds",schemaPath:"#/properties/backup_stale_seconds/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema37.properties.backup_stale_seconds.type,parentSchema:schema37.properties.backup_stale_seconds,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
validate27.errors = vErrors;
return errors === 0;
}

const schema40 = {"title":"CompactorDogConfig","description":"Without databases it falls back to wisp_reaper.databases, then to [\"hq\"] only.","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"threshold":{"type":"integer"},"databases":{"$ref":"#/definitions/databaseList"},"mode":{"type":"string","enum":["flatten","surgical"]},"keep_recent":{"type":"integer"}}};

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema40.type},message:"must be object,null",schema:schema40.type,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema40.properties.enabled.type,parentSchema:schema40.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.threshold !== undefined){
let data2 = data.threshold;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err4 = {instancePath:instancePath+"/threshold",schemaPath:"#/properties/threshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.properties.threshold.type,parentSchema:schema40.properties.threshold,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.databases !== undefined){
let data3 = data.databases;
if((!(Array.isArray(data3))) && (data3 !== null)){
const err5 = {instancePath:instancePath+"/databases",schemaPath:"#/definitions/databaseList/type",keyword:"type",params:{type: schema25.type},message:"must be array,null",schema:schema25.type,parentSchema:schema25,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err6 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.items,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/databases/" + i0,schemaPath:"#/definitions/databaseList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.items.type,parentSchema:schema25.items,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
if(data.mode !== undefined){
let data5 = data.mode;
if(typeof data5 !== "string"){
const err8 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.mode.type,parentSchema:schema40.properties.mode,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data5 === "flatten") || (data5 === "surgical"))){
const err9 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema40.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema40.properties.mode.enum,parentSchema:schema40.properties.mode,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.keep_recent !== undefined){
let data6 = data.keep_recent;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err10 = {instancePath:instancePath+"/keep_recent",schemaPath:"#/properties/keep_recent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.properties.keep_recent.type,parentSchema:schema40.properties.keep_recent,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
validate29.errors = vErrors;
return errors === 0;
}

const schema43 = {"title":"IntervalPatrolConfig","description":"checkpoint_dog (default interval 10m) and quota_dog (5m).","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"}}};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema43.type},message:"must be object,null",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.enabled.type,parentSchema:schema43.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
validate31.errors = vErrors;
return errors === 0;
}

const schema45 = {"title":"ScheduledMaintenanceConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"window":{"$ref":"#/definitions/clockTime"},"interval":{"$ref":"#/definitions/maintenanceInterval"},"threshold":{"type":["integer","null"],"description":"null means 1000; 0 means always."}}};
const schema46 = {"description":"Local time of day \"HH:MM\" (00:00-23:59).","type":"string","pattern":"^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$"};
const schema47 = {"description":"\"daily\", \"weekly\", \"monthly\" or a Go duration; \"\" means daily.","type":"string","pattern":"^(daily|weekly|monthly|[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"};
const pattern9 = new RegExp("^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$", "u");
const pattern10 = new RegExp("^(daily|weekly|monthly|[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$", "u");

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema45.type},message:"must be object,null",schema:schema45.type,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema45.properties.enabled.type,parentSchema:schema45.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.window !== undefined){
let data1 = data.window;
if(typeof data1 === "string"){
if(!pattern9.test(data1)){
const err2 = {instancePath:instancePath+"/window",schemaPath:"#/definitions/clockTime/pattern",keyword:"pattern",params:{pattern: "^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$"},message:"must match pattern \""+"^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$"+"\"",schema:"^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$",parentSchema:schema46,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/window",schemaPath:"#/definitions/clockTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.type,parentSchema:schema46,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.interval !== undefined){
let data2 = data.interval;
if(typeof data2 === "string"){
if(!pattern10.test(data2)){
const err4 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/maintenanceInterval/pattern",keyword:"pattern",params:{pattern: "^(daily|weekly|monthly|[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^(daily|weekly|monthly|[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^(daily|weekly|monthly|[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema47,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/maintenanceInterval/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.type,parentSchema:schema47,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.threshold !== undefined){
let data3 = data.threshold;
if((!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))) && (data3 !== null)){
const err6 = {instancePath:instancePath+"/threshold",schemaPath:"#/properties/threshold/type",keyword:"type",params:{type: schema45.properties.threshold.type},message:"must be integer,null",schema:schema45.properties.threshold.type,parentSchema:schema45.properties.threshold,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
validate33.errors = vErrors;
return errors === 0;
}

const schema48 = {"title":"MainBranchTestConfig","type":["object","null"],"additionalProperties":true,"properties":{"enabled":{"type":"boolean"},"interval":{"$ref":"#/definitions/goDuration"},"timeout":{"$ref":"#/definitions/goDuration"},"rigs":{"$ref":"#/definitions/rigList"}}};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema48.type},message:"must be object,null",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.enabled.type,parentSchema:schema48.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.interval !== undefined){
let data1 = data.interval;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.timeout !== undefined){
let data2 = data.timeout;
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err4 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.rigs !== undefined){
let data3 = data.rigs;
if((!(Array.isArray(data3))) && (data3 !== null)){
const err6 = {instancePath:instancePath+"/rigs",schemaPath:"#/definitions/rigList/type",keyword:"type",params:{type: schema14.type},message:"must be array,null",schema:schema14.type,parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err7 = {instancePath:instancePath+"/rigs/" + i0,schemaPath:"#/definitions/rigList/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.items,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/rigs/" + i0,schemaPath:"#/definitions/rigList/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.items.type,parentSchema:schema14.items,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
}
validate35.errors = vErrors;
return errors === 0;
}

const schema52 = {"title":"RestartTrackerConfig","description":"Agent restart backoff. Durations are integer nanoseconds.","type":["object","null"],"additionalProperties":true,"properties":{"initial_backoff":{"$ref":"#/definitions/nanoseconds"},"max_backoff":{"$ref":"#/definitions/nanoseconds"},"backoff_multiplier":{"type":"number"},"crash_loop_window":{"$ref":"#/definitions/nanoseconds"},"crash_loop_count":{"type":"integer"},"stability_period":{"$ref":"#/definitions/nanoseconds"}}};

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema52.type},message:"must be object,null",schema:schema52.type,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.initial_backoff !== undefined){
let data0 = data.initial_backoff;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/initial_backoff",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.max_backoff !== undefined){
let data1 = data.max_backoff;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/max_backoff",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.backoff_multiplier !== undefined){
let data2 = data.backoff_multiplier;
if(!((typeof data2 == "number") && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/backoff_multiplier",schemaPath:"#/properties/backoff_multiplier/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema52.properties.backoff_multiplier.type,parentSchema:schema52.properties.backoff_multiplier,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.crash_loop_window !== undefined){
let data3 = data.crash_loop_window;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err4 = {instancePath:instancePath+"/crash_loop_window",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.crash_loop_count !== undefined){
let data4 = data.crash_loop_count;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err5 = {instancePath:instancePath+"/crash_loop_count",schemaPath:"#/properties/crash_loop_count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema52.properties.crash_loop_count.type,parentSchema:schema52.properties.crash_loop_count,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.stability_period !== undefined){
let data5 = data.stability_period;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err6 = {instancePath:instancePath+"/stability_period",schemaPath:"#/definitions/nanoseconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.type,parentSchema:schema18,data:data5};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
validate38.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://gastown.dev/schemas/daemon.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type !== undefined){
let data0 = data.type;
if(typeof data0 !== "string"){
const err0 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.type.type,parentSchema:schema11.properties.type,data:data0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(!((data0 === "daemon-patrol-config") || (data0 === ""))){
const err1 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema11.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.type.enum,parentSchema:schema11.properties.type,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.version !== undefined){
let data1 = data.version;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.version.type,parentSchema:schema11.properties.version,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 1 || isNaN(data1)){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema11.properties.version,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data1 < 0 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.version,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.heartbeat !== undefined){
let data2 = data.heartbeat;
if((!(data2 && typeof data2 == "object" && !Array.isArray(data2))) && (data2 !== null)){
const err5 = {instancePath:instancePath+"/heartbeat",schemaPath:"#/properties/heartbeat/type",keyword:"type",params:{type: schema11.properties.heartbeat.type},message:"must be object,null",schema:schema11.properties.heartbeat.type,parentSchema:schema11.properties.heartbeat,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.enabled !== undefined){
let data3 = data2.enabled;
if(typeof data3 !== "boolean"){
const err6 = {instancePath:instancePath+"/heartbeat/enabled",schemaPath:"#/properties/heartbeat/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.heartbeat.properties.enabled.type,parentSchema:schema11.properties.heartbeat.properties.enabled,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.interval !== undefined){
let data4 = data2.interval;
if(typeof data4 === "string"){
if(!pattern0.test(data4)){
const err7 = {instancePath:instancePath+"/heartbeat/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"},message:"must match pattern \""+"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$"+"\"",schema:"^([-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+))?$",parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/heartbeat/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
if(data.patrols !== undefined){
let data5 = data.patrols;
if((!(data5 && typeof data5 == "object" && !Array.isArray(data5))) && (data5 !== null)){
const err9 = {instancePath:instancePath+"/patrols",schemaPath:"#/properties/patrols/type",keyword:"type",params:{type: schema11.properties.patrols.type},message:"must be object,null",schema:schema11.properties.patrols.type,parentSchema:schema11.properties.patrols,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.refinery !== undefined){
if(!(validate11(data5.refinery, {instancePath:instancePath+"/patrols/refinery",parentData:data5,parentDataProperty:"refinery",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data5.witness !== undefined){
if(!(validate11(data5.witness, {instancePath:instancePath+"/patrols/witness",parentData:data5,parentDataProperty:"witness",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data5.deacon !== undefined){
if(!(validate14(data5.deacon, {instancePath:instancePath+"/patrols/deacon",parentData:data5,parentDataProperty:"deacon",rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
if(data5.handler !== undefined){
if(!(validate14(data5.handler, {instancePath:instancePath+"/patrols/handler",parentData:data5,parentDataProperty:"handler",rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
if(data5.dolt_server !== undefined){
if(!(validate17(data5.dolt_server, {instancePath:instancePath+"/patrols/dolt_server",parentData:data5,parentDataProperty:"dolt_server",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
if(data5.dolt_remotes !== undefined){
if(!(validate19(data5.dolt_remotes, {instancePath:instancePath+"/patrols/dolt_remotes",parentData:data5,parentDataProperty:"dolt_remotes",rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
if(data5.dolt_backup !== undefined){
if(!(validate21(data5.dolt_backup, {instancePath:instancePath+"/patrols/dolt_backup",parentData:data5,parentDataProperty:"dolt_backup",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data5.jsonl_git_backup !== undefined){
if(!(validate23(data5.jsonl_git_backup, {instancePath:instancePath+"/patrols/jsonl_git_backup",parentData:data5,parentDataProperty:"jsonl_git_backup",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data5.wisp_reaper !== undefined){
if(!(validate25(data5.wisp_reaper, {instancePath:instancePath+"/patrols/wisp_reaper",parentData:data5,parentDataProperty:"wisp_reaper",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
if(data5.doctor_dog !== undefined){
if(!(validate27(data5.doctor_dog, {instancePath:instancePath+"/patrols/doctor_dog",parentData:data5,parentDataProperty:"doctor_dog",rootData}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data5.compactor_dog !== undefined){
if(!(validate29(data5.compactor_dog, {instancePath:instancePath+"/patrols/compactor_dog",parentData:data5,parentDataProperty:"compactor_dog",rootData}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
if(data5.checkpoint_dog !== undefined){
if(!(validate31(data5.checkpoint_dog, {instancePath:instancePath+"/patrols/checkpoint_dog",parentData:data5,parentDataProperty:"checkpoint_dog",rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data5.scheduled_maintenance !== undefined){
if(!(validate33(data5.scheduled_maintenance, {instancePath:instancePath+"/patrols/scheduled_maintenance",parentData:data5,parentDataProperty:"scheduled_maintenance",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data5.main_branch_test !== undefined){
if(!(validate35(data5.main_branch_test, {instancePath:instancePath+"/patrols/main_branch_test",parentData:data5,parentDataProperty:"main_branch_test",rootData}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
if(data5.quota_dog !== undefined){
if(!(validate31(data5.quota_dog, {instancePath:instancePath+"/patrols/quota_dog",parentData:data5,parentDataProperty:"quota_dog",rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data5.restart_tracker !== undefined){
if(!(validate38(data5.restart_tracker, {instancePath:instancePath+"/patrols/restart_tracker",parentData:data5,parentDataProperty:"restart_tracker",rootData}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
}
}
if(data.env !== undefined){
let data22 = data.env;
if((!(data22 && typeof data22 == "object" && !Array.isArray(data22))) && (data22 !== null)){
const err10 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/type",keyword:"type",params:{type: schema11.properties.env.type},message:"must be object,null",schema:schema11.properties.env.type,parentSchema:schema11.properties.env,data:data22};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key0 in data22){
if(!((((((key0 === "GT_DOLT_PORT") || (key0 === "GT_DOLT_HOST")) || (key0 === "GT_DOLT_USER")) || (key0 === "GT_DOLT_PASSWORD")) || (key0 === "GT_DOLT_LOGLEVEL")) || (key0 === "GT_DOLT_WAIT_TIMEOUT"))){
let data23 = data22[key0];
if(typeof data23 !== "string"){
const err11 = {instancePath:instancePath+"/env/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.env.additionalProperties.type,parentSchema:schema11.properties.env.additionalProperties,data:data23};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data22.GT_DOLT_PORT !== undefined){
let data24 = data22.GT_DOLT_PORT;
if(typeof data24 === "string"){
if(!pattern13.test(data24)){
const err12 = {instancePath:instancePath+"/env/GT_DOLT_PORT",schemaPath:"#/definitions/portString/pattern",keyword:"pattern",params:{pattern: "^[0-9]+$"},message:"must match pattern \""+"^[0-9]+$"+"\"",schema:"^[0-9]+$",parentSchema:schema57,data:data24};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/env/GT_DOLT_PORT",schemaPath:"#/definitions/portString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.type,parentSchema:schema57,data:data24};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data22.GT_DOLT_HOST !== undefined){
let data25 = data22.GT_DOLT_HOST;
if(typeof data25 !== "string"){
const err14 = {instancePath:instancePath+"/env/GT_DOLT_HOST",schemaPath:"#/properties/env/properties/GT_DOLT_HOST/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.env.properties.GT_DOLT_HOST.type,parentSchema:schema11.properties.env.properties.GT_DOLT_HOST,data:data25};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data22.GT_DOLT_USER !== undefined){
let data26 = data22.GT_DOLT_USER;
if(typeof data26 !== "string"){
const err15 = {instancePath:instancePath+"/env/GT_DOLT_USER",schemaPath:"#/properties/env/properties/GT_DOLT_USER/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.env.properties.GT_DOLT_USER.type,parentSchema:schema11.properties.env.properties.GT_DOLT_USER,data:data26};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data22.GT_DOLT_PASSWORD !== undefined){
let data27 = data22.GT_DOLT_PASSWORD;
if(typeof data27 !== "string"){
const err16 = {instancePath:instancePath+"/env/GT_DOLT_PASSWORD",schemaPath:"#/properties/env/properties/GT_DOLT_PASSWORD/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.env.properties.GT_DOLT_PASSWORD.type,parentSchema:schema11.properties.env.properties.GT_DOLT_PASSWORD,data:data27};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data22.GT_DOLT_LOGLEVEL !== undefined){
let data28 = data22.GT_DOLT_LOGLEVEL;
if(typeof data28 !== "string"){
const err17 = {instancePath:instancePath+"/env/GT_DOLT_LOGLEVEL",schemaPath:"#/definitions/logLevel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.type,parentSchema:schema58,data:data28};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!((((((data28 === "trace") || (data28 === "debug")) || (data28 === "info")) || (data28 === "warning")) || (data28 === "error")) || (data28 === "fatal"))){
const err18 = {instancePath:instancePath+"/env/GT_DOLT_LOGLEVEL",schemaPath:"#/definitions/logLevel/enum",keyword:"enum",params:{allowedValues: schema58.enum},message:"must be equal to one of the allowed values",schema:schema58.enum,parentSchema:schema58,data:data28};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data22.GT_DOLT_WAIT_TIMEOUT !== undefined){
let data29 = data22.GT_DOLT_WAIT_TIMEOUT;
if(typeof data29 === "string"){
if(!pattern14.test(data29)){
const err19 = {instancePath:instancePath+"/env/GT_DOLT_WAIT_TIMEOUT",schemaPath:"#/properties/env/properties/GT_DOLT_WAIT_TIMEOUT/pattern",keyword:"pattern",params:{pattern: "^-?[0-9]+$"},message:"must match pattern \""+"^-?[0-9]+$"+"\"",schema:"^-?[0-9]+$",parentSchema:schema11.properties.env.properties.GT_DOLT_WAIT_TIMEOUT,data:data29};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/env/GT_DOLT_WAIT_TIMEOUT",schemaPath:"#/properties/env/properties/GT_DOLT_WAIT_TIMEOUT/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.env.properties.GT_DOLT_WAIT_TIMEOUT.type,parentSchema:schema11.properties.env.properties.GT_DOLT_WAIT_TIMEOUT,data:data29};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

export const rig = validate40;
const schema59 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://gastown.dev/schemas/rig.schema.json","title":"RigManifest","description":"One rig of a Gas Town and its Dolt database: every *.yaml/*.yml under mayor/rigs.d/ (or -f PATH), several documents per file allowed.","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"$ref":"#/definitions/apiVersion"},"kind":{"const":"Rig"},"metadata":{"title":"RigMetadata","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/name","description":"Rig name; not \"hq\" (the town database)."},"labels":{"$ref":"#/definitions/stringMap"},"annotations":{"$ref":"#/definitions/stringMap"}}},"spec":{"title":"RigSpec","type":"object","additionalProperties":false,"required":["prefix"],"properties":{"prefix":{"$ref":"#/definitions/prefix"},"database":{"$ref":"#/definitions/name","description":"Dolt database name; defaults to metadata.name."},"ensure":{"description":"present: the database must exist. absent: drop it (only with gt apply --prune, never when protected).","type":"string","enum":["present","absent"],"default":"present"},"protect":{"description":"true: gt refuses every destructive action on this database.","type":"boolean","default":false},"remotes":{"$ref":"#/definitions/remotes"},"backups":{"$ref":"#/definitions/backups"},"ignore":{"$ref":"#/definitions/ignorePatterns"},"lifecycle":{"$ref":"#/definitions/rigLifecycle"}}}},"definitions":{"apiVersion":{"const":"gastown.dev/v1alpha1"},"name":{"description":"Lowercase letters, digits and underscores, at most 64 characters.","type":"string","pattern":"^[a-z0-9_]+$","maxLength":64},"prefix":{"description":"Beads issue prefix without the trailing hyphen (\"wy\", not \"wy-\").","type":"string","pattern":"^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$","maxLength":64},"stringMap":{"type":"object","additionalProperties":{"type":"string"}},"remoteName":{"description":"A remote name: letters, digits, \"_\" and \"-\", e.g. origin or backup_1.","type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9_-]+$"},"remote":{"title":"Remote","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"$ref":"#/definitions/remoteName"},"url":{"description":"A URL Dolt can push to: file:///abs/path, https://, http://, aws://, gs://, az://, oci://, oss://, ssh://, git+file://, git+http(s)://, git+ssh://, or a git URL ending in .git.","type":"string","minLength":1},"push":{"description":"true: gt apply and the daemon push main to this remote over SQL on the running server (never --force unless asked); default false: declared, not pushed.","type":"boolean"},"pushInterval":{"$ref":"#/definitions/goDuration","description":"With push: true, the daemon pushes at most this often; default 15m (Gas Town's dolt_remotes patrol)."},"pushTimeout":{"$ref":"#/definitions/goDuration","description":"With push: true, how long one push may take before gt gives up on it; default 2h (a first push of a multi-GB database). gt apply --sync-timeout overrides it."}}},"remotes":{"description":"The authoritative set of the database's remotes; absent means remotes are not managed.","type":"array","items":{"$ref":"#/definitions/remote"}},"backup":{"title":"Backup","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"$ref":"#/definitions/remoteName"},"url":{"description":"Where Dolt keeps the backup: a URL DOLT_BACKUP accepts (file:///abs/path, aws://, gs://, az://, oci://, https://, …). A backup carries the working set and dolt-ignored tables; a push does not.","type":"string","minLength":1},"interval":{"$ref":"#/definitions/goDuration","description":"The daemon syncs the backup at most this often; a last successful sync older than this is drift. Default 15m (Gas Town's dolt_backup patrol)."},"timeout":{"$ref":"#/definitions/goDuration","description":"How long one sync may take before gt gives up on it; default 2h. gt apply --sync-timeout overrides it."}}},"backups":{"description":"The authoritative set of the database's Dolt backups (dolt_backups); absent means backups are not managed.","type":"array","items":{"$ref":"#/definitions/backup"}},"ignorePatterns":{"description":"dolt_ignore table-name patterns that must be present (ignored = true).","type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/ignorePattern"}},"rigLifecycle":{"title":"RigLifecycle","description":"This database's overrides of the Town's spec.lifecycle: each field given here replaces the Town's (e.g. compaction.mode: off).","type":"object","additionalProperties":false,"properties":{"decay":{"$ref":"#/definitions/decay"},"compaction":{"$ref":"#/definitions/compaction"}}},"decay":{"title":"LifecycleDecay","description":"Decay of wisps (Gas Town's wisp_reaper): stale open wisps are closed, old closed wisps deleted with their label, comment, event and dependency rows. Declaring it turns it on.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"false: no decay on this database (default true once decay is declared).","type":"boolean"},"closeStaleWispsAfter":{"$ref":"#/definitions/goDuration","description":"Open wisps older than this with no open parent are closed (Gas Town's max_age); default 24h."},"deleteClosedWispsAfter":{"$ref":"#/definitions/goDuration","description":"Wisps closed longer than this are deleted with their related rows (Gas Town's delete_age); default 168h."},"interval":{"$ref":"#/definitions/goDuration","description":"At most this often; default 30m."}}},"compaction":{"title":"LifecycleCompaction","description":"Compaction of the commit history (Gas Town's compactor_dog); rewriting history is opt-in.","type":"object","additionalProperties":false,"properties":{"mode":{"description":"off (default): never; flatten: the history becomes one commit; surgical: old commits are squashed and the keepRecent newest kept.","type":"string","enum":["off","flatten","surgical"]},"threshold":{"description":"Commits on main before compaction is due; default 2000.","type":"integer","minimum":1},"keepRecent":{"description":"surgical only: the newest commits kept as they are; default 50, less than threshold.","type":"integer","minimum":1},"interval":{"$ref":"#/definitions/goDuration","description":"At most this often; default 24h."},"window":{"$ref":"#/definitions/clockWindow"},"gc":{"description":"After compaction: full (default; DOLT_GC('--full'), the only one that reclaims flattened history), plain (DOLT_GC()) or none.","type":"string","enum":["full","plain","none"]},"restorePoints":{"title":"RestorePoints","type":"object","additionalProperties":false,"properties":{"keep":{"$ref":"#/definitions/goDuration","description":"Restore points older than this are pruned; default 168h."}}}}},"goDuration":{"description":"A Go duration as time.ParseDuration reads it, more than 0: numbers with units ns, us, ms, s, m, h (\"30m\", \"1h30m\", \"168h\"); \"7d\" is invalid.","type":"string","minLength":1,"pattern":"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},"clockWindow":{"description":"A local time window \"HH:MM-HH:MM\" (it may cross midnight, e.g. \"22:00-02:00\"): the daemon compacts only inside it.","type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"},"ignorePattern":{"description":"A dolt_ignore table-name pattern (* and ? are wildcards) without control characters.","type":"string","minLength":1,"pattern":"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"}}};
const schema60 = {"const":"gastown.dev/v1alpha1"};
const schema61 = {"description":"Lowercase letters, digits and underscores, at most 64 characters.","type":"string","pattern":"^[a-z0-9_]+$","maxLength":64};
const schema62 = {"type":"object","additionalProperties":{"type":"string"}};
const schema64 = {"description":"Beads issue prefix without the trailing hyphen (\"wy\", not \"wy-\").","type":"string","pattern":"^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$","maxLength":64};
const pattern15 = new RegExp("^[a-z0-9_]+$", "u");
const pattern16 = new RegExp("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$", "u");
const schema66 = {"description":"The authoritative set of the database's remotes; absent means remotes are not managed.","type":"array","items":{"$ref":"#/definitions/remote"}};
const schema67 = {"title":"Remote","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"$ref":"#/definitions/remoteName"},"url":{"description":"A URL Dolt can push to: file:///abs/path, https://, http://, aws://, gs://, az://, oci://, oss://, ssh://, git+file://, git+http(s)://, git+ssh://, or a git URL ending in .git.","type":"string","minLength":1},"push":{"description":"true: gt apply and the daemon push main to this remote over SQL on the running server (never --force unless asked); default false: declared, not pushed.","type":"boolean"},"pushInterval":{"$ref":"#/definitions/goDuration","description":"With push: true, the daemon pushes at most this often; default 15m (Gas Town's dolt_remotes patrol)."},"pushTimeout":{"$ref":"#/definitions/goDuration","description":"With push: true, how long one push may take before gt gives up on it; default 2h (a first push of a multi-GB database). gt apply --sync-timeout overrides it."}}};
const schema68 = {"description":"A remote name: letters, digits, \"_\" and \"-\", e.g. origin or backup_1.","type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9_-]+$"};
const schema69 = {"description":"A Go duration as time.ParseDuration reads it, more than 0: numbers with units ns, us, ms, s, m, h (\"30m\", \"1h30m\", \"168h\"); \"7d\" is invalid.","type":"string","minLength":1,"pattern":"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"};
const pattern18 = new RegExp("^[A-Za-z0-9_-]+$", "u");
const pattern19 = new RegExp("^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$", "u");

function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema67.required,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema67.required,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "url")) || (key0 === "push")) || (key0 === "pushInterval")) || (key0 === "pushTimeout"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) > 64){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern18.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.type,parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err7 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema67.properties.url,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema67.properties.url.type,parentSchema:schema67.properties.url,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.push !== undefined){
let data2 = data.push;
if(typeof data2 !== "boolean"){
const err9 = {instancePath:instancePath+"/push",schemaPath:"#/properties/push/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema67.properties.push.type,parentSchema:schema67.properties.push,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.pushInterval !== undefined){
let data3 = data.pushInterval;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err10 = {instancePath:instancePath+"/pushInterval",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!pattern19.test(data3)){
const err11 = {instancePath:instancePath+"/pushInterval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/pushInterval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.pushTimeout !== undefined){
let data4 = data.pushTimeout;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err13 = {instancePath:instancePath+"/pushTimeout",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern19.test(data4)){
const err14 = {instancePath:instancePath+"/pushTimeout",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/pushTimeout",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.type,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}


function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate42(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema66.type,parentSchema:schema66,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
validate41.errors = vErrors;
return errors === 0;
}

const schema71 = {"description":"The authoritative set of the database's Dolt backups (dolt_backups); absent means backups are not managed.","type":"array","items":{"$ref":"#/definitions/backup"}};
const schema72 = {"title":"Backup","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"$ref":"#/definitions/remoteName"},"url":{"description":"Where Dolt keeps the backup: a URL DOLT_BACKUP accepts (file:///abs/path, aws://, gs://, az://, oci://, https://, …). A backup carries the working set and dolt-ignored tables; a push does not.","type":"string","minLength":1},"interval":{"$ref":"#/definitions/goDuration","description":"The daemon syncs the backup at most this often; a last successful sync older than this is drift. Default 15m (Gas Town's dolt_backup patrol)."},"timeout":{"$ref":"#/definitions/goDuration","description":"How long one sync may take before gt gives up on it; default 2h. gt apply --sync-timeout overrides it."}}};

function validate46(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema72.required,parentSchema:schema72,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema72.required,parentSchema:schema72,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "url")) || (key0 === "interval")) || (key0 === "timeout"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema72,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) > 64){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern18.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/remoteName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.type,parentSchema:schema68,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err7 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema72.properties.url,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema72.properties.url.type,parentSchema:schema72.properties.url,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.interval !== undefined){
let data2 = data.interval;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err9 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern19.test(data2)){
const err10 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.timeout !== undefined){
let data3 = data.timeout;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err12 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern19.test(data3)){
const err13 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema72.type,parentSchema:schema72,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate46.errors = vErrors;
return errors === 0;
}


function validate45(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate46(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate46.errors : vErrors.concat(validate46.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema71.type,parentSchema:schema71,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
validate45.errors = vErrors;
return errors === 0;
}

const schema76 = {"description":"dolt_ignore table-name patterns that must be present (ignored = true).","type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/ignorePattern"}};
const schema77 = {"description":"A dolt_ignore table-name pattern (* and ? are wildcards) without control characters.","type":"string","minLength":1,"pattern":"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"};
const func0 = runtime_equal.default;
const pattern24 = new RegExp("^[^\\u0000-\\u001f\\u007f-\\u009f]+$", "u");

function validate49(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err0 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ignorePattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema77,data:data0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(!pattern24.test(data0)){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ignorePattern/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f-\\u009f]+$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"+"\"",schema:"^[^\\u0000-\\u001f\\u007f-\\u009f]+$",parentSchema:schema77,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ignorePattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema77.type,parentSchema:schema77,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err3 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema76.type,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate49.errors = vErrors;
return errors === 0;
}

const schema78 = {"title":"RigLifecycle","description":"This database's overrides of the Town's spec.lifecycle: each field given here replaces the Town's (e.g. compaction.mode: off).","type":"object","additionalProperties":false,"properties":{"decay":{"$ref":"#/definitions/decay"},"compaction":{"$ref":"#/definitions/compaction"}}};
const schema79 = {"title":"LifecycleDecay","description":"Decay of wisps (Gas Town's wisp_reaper): stale open wisps are closed, old closed wisps deleted with their label, comment, event and dependency rows. Declaring it turns it on.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"false: no decay on this database (default true once decay is declared).","type":"boolean"},"closeStaleWispsAfter":{"$ref":"#/definitions/goDuration","description":"Open wisps older than this with no open parent are closed (Gas Town's max_age); default 24h."},"deleteClosedWispsAfter":{"$ref":"#/definitions/goDuration","description":"Wisps closed longer than this are deleted with their related rows (Gas Town's delete_age); default 168h."},"interval":{"$ref":"#/definitions/goDuration","description":"At most this often; default 30m."}}};

function validate52(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "enabled") || (key0 === "closeStaleWispsAfter")) || (key0 === "deleteClosedWispsAfter")) || (key0 === "interval"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema79.properties.enabled.type,parentSchema:schema79.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.closeStaleWispsAfter !== undefined){
let data1 = data.closeStaleWispsAfter;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err2 = {instancePath:instancePath+"/closeStaleWispsAfter",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern19.test(data1)){
const err3 = {instancePath:instancePath+"/closeStaleWispsAfter",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/closeStaleWispsAfter",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.deleteClosedWispsAfter !== undefined){
let data2 = data.deleteClosedWispsAfter;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err5 = {instancePath:instancePath+"/deleteClosedWispsAfter",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern19.test(data2)){
const err6 = {instancePath:instancePath+"/deleteClosedWispsAfter",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/deleteClosedWispsAfter",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.interval !== undefined){
let data3 = data.interval;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern19.test(data3)){
const err9 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema79.type,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate52.errors = vErrors;
return errors === 0;
}

const schema83 = {"title":"LifecycleCompaction","description":"Compaction of the commit history (Gas Town's compactor_dog); rewriting history is opt-in.","type":"object","additionalProperties":false,"properties":{"mode":{"description":"off (default): never; flatten: the history becomes one commit; surgical: old commits are squashed and the keepRecent newest kept.","type":"string","enum":["off","flatten","surgical"]},"threshold":{"description":"Commits on main before compaction is due; default 2000.","type":"integer","minimum":1},"keepRecent":{"description":"surgical only: the newest commits kept as they are; default 50, less than threshold.","type":"integer","minimum":1},"interval":{"$ref":"#/definitions/goDuration","description":"At most this often; default 24h."},"window":{"$ref":"#/definitions/clockWindow"},"gc":{"description":"After compaction: full (default; DOLT_GC('--full'), the only one that reclaims flattened history), plain (DOLT_GC()) or none.","type":"string","enum":["full","plain","none"]},"restorePoints":{"title":"RestorePoints","type":"object","additionalProperties":false,"properties":{"keep":{"$ref":"#/definitions/goDuration","description":"Restore points older than this are pruned; default 168h."}}}}};
const schema85 = {"description":"A local time window \"HH:MM-HH:MM\" (it may cross midnight, e.g. \"22:00-02:00\"): the daemon compacts only inside it.","type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"};
const pattern29 = new RegExp("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", "u");

function validate54(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((((key0 === "mode") || (key0 === "threshold")) || (key0 === "keepRecent")) || (key0 === "interval")) || (key0 === "window")) || (key0 === "gc")) || (key0 === "restorePoints"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.mode !== undefined){
let data0 = data.mode;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.properties.mode.type,parentSchema:schema83.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!(((data0 === "off") || (data0 === "flatten")) || (data0 === "surgical"))){
const err2 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema83.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema83.properties.mode.enum,parentSchema:schema83.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.threshold !== undefined){
let data1 = data.threshold;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/threshold",schemaPath:"#/properties/threshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema83.properties.threshold.type,parentSchema:schema83.properties.threshold,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/threshold",schemaPath:"#/properties/threshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema83.properties.threshold,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.keepRecent !== undefined){
let data2 = data.keepRecent;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/keepRecent",schemaPath:"#/properties/keepRecent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema83.properties.keepRecent.type,parentSchema:schema83.properties.keepRecent,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/keepRecent",schemaPath:"#/properties/keepRecent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema83.properties.keepRecent,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.interval !== undefined){
let data3 = data.interval;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err7 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern19.test(data3)){
const err8 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.window !== undefined){
let data4 = data.window;
if(typeof data4 === "string"){
if(!pattern29.test(data4)){
const err10 = {instancePath:instancePath+"/window",schemaPath:"#/definitions/clockWindow/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$",parentSchema:schema85,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/window",schemaPath:"#/definitions/clockWindow/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.type,parentSchema:schema85,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.gc !== undefined){
let data5 = data.gc;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/gc",schemaPath:"#/properties/gc/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.properties.gc.type,parentSchema:schema83.properties.gc,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!(((data5 === "full") || (data5 === "plain")) || (data5 === "none"))){
const err13 = {instancePath:instancePath+"/gc",schemaPath:"#/properties/gc/enum",keyword:"enum",params:{allowedValues: schema83.properties.gc.enum},message:"must be equal to one of the allowed values",schema:schema83.properties.gc.enum,parentSchema:schema83.properties.gc,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.restorePoints !== undefined){
let data6 = data.restorePoints;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
if(!(key1 === "keep")){
const err14 = {instancePath:instancePath+"/restorePoints",schemaPath:"#/properties/restorePoints/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema83.properties.restorePoints,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data6.keep !== undefined){
let data7 = data6.keep;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err15 = {instancePath:instancePath+"/restorePoints/keep",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!pattern19.test(data7)){
const err16 = {instancePath:instancePath+"/restorePoints/keep",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/restorePoints/keep",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/restorePoints",schemaPath:"#/properties/restorePoints/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema83.properties.restorePoints.type,parentSchema:schema83.properties.restorePoints,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema83.type,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate54.errors = vErrors;
return errors === 0;
}


function validate51(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "decay") || (key0 === "compaction"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema78,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.decay !== undefined){
if(!(validate52(data.decay, {instancePath:instancePath+"/decay",parentData:data,parentDataProperty:"decay",rootData}))){
vErrors = vErrors === null ? validate52.errors : vErrors.concat(validate52.errors);
errors = vErrors.length;
}
}
if(data.compaction !== undefined){
if(!(validate54(data.compaction, {instancePath:instancePath+"/compaction",parentData:data,parentDataProperty:"compaction",rootData}))){
vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);
errors = vErrors.length;
}
}
}
else {
const err1 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema78.type,parentSchema:schema78,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
validate51.errors = vErrors;
return errors === 0;
}


function validate40(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://gastown.dev/schemas/rig.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema59.required,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema59.required,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema59.required,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema59.required,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("gastown.dev/v1alpha1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/definitions/apiVersion/const",keyword:"const",params:{allowedValue: "gastown.dev/v1alpha1"},message:"must be equal to constant",schema:"gastown.dev/v1alpha1",parentSchema:schema60,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Rig" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Rig"},message:"must be equal to constant",schema:"Rig",parentSchema:schema59.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
let data2 = data.metadata;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.name === undefined){
const err7 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema59.properties.metadata.required,parentSchema:schema59.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data2){
if(!(((key1 === "name") || (key1 === "labels")) || (key1 === "annotations"))){
const err8 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema59.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.name !== undefined){
let data3 = data2.name;
if(typeof data3 === "string"){
if(func2(data3) > 64){
const err9 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/definitions/name/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema61,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern15.test(data3)){
const err10 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/definitions/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+$"+"\"",schema:"^[a-z0-9_]+$",parentSchema:schema61,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/definitions/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.type,parentSchema:schema61,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data2.labels !== undefined){
let data4 = data2.labels;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
let data5 = data4[key2];
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/metadata/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/stringMap/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.additionalProperties.type,parentSchema:schema62.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/metadata/labels",schemaPath:"#/definitions/stringMap/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data2.annotations !== undefined){
let data6 = data2.annotations;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key3 in data6){
let data7 = data6[key3];
if(typeof data7 !== "string"){
const err14 = {instancePath:instancePath+"/metadata/annotations/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/stringMap/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.additionalProperties.type,parentSchema:schema62.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/metadata/annotations",schemaPath:"#/definitions/stringMap/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema59.properties.metadata.type,parentSchema:schema59.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.spec !== undefined){
let data8 = data.spec;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.prefix === undefined){
const err17 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "prefix"},message:"must have required property '"+"prefix"+"'",schema:schema59.properties.spec.required,parentSchema:schema59.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key4 in data8){
if(!((((((((key4 === "prefix") || (key4 === "database")) || (key4 === "ensure")) || (key4 === "protect")) || (key4 === "remotes")) || (key4 === "backups")) || (key4 === "ignore")) || (key4 === "lifecycle"))){
const err18 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema59.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data8.prefix !== undefined){
let data9 = data8.prefix;
if(typeof data9 === "string"){
if(func2(data9) > 64){
const err19 = {instancePath:instancePath+"/spec/prefix",schemaPath:"#/definitions/prefix/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema64,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!pattern16.test(data9)){
const err20 = {instancePath:instancePath+"/spec/prefix",schemaPath:"#/definitions/prefix/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$",parentSchema:schema64,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/spec/prefix",schemaPath:"#/definitions/prefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.type,parentSchema:schema64,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data8.database !== undefined){
let data10 = data8.database;
if(typeof data10 === "string"){
if(func2(data10) > 64){
const err22 = {instancePath:instancePath+"/spec/database",schemaPath:"#/definitions/name/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema61,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!pattern15.test(data10)){
const err23 = {instancePath:instancePath+"/spec/database",schemaPath:"#/definitions/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+$"+"\"",schema:"^[a-z0-9_]+$",parentSchema:schema61,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/spec/database",schemaPath:"#/definitions/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.type,parentSchema:schema61,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data8.ensure !== undefined){
let data11 = data8.ensure;
if(typeof data11 !== "string"){
const err25 = {instancePath:instancePath+"/spec/ensure",schemaPath:"#/properties/spec/properties/ensure/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.properties.spec.properties.ensure.type,parentSchema:schema59.properties.spec.properties.ensure,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!((data11 === "present") || (data11 === "absent"))){
const err26 = {instancePath:instancePath+"/spec/ensure",schemaPath:"#/properties/spec/properties/ensure/enum",keyword:"enum",params:{allowedValues: schema59.properties.spec.properties.ensure.enum},message:"must be equal to one of the allowed values",schema:schema59.properties.spec.properties.ensure.enum,parentSchema:schema59.properties.spec.properties.ensure,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data8.protect !== undefined){
let data12 = data8.protect;
if(typeof data12 !== "boolean"){
const err27 = {instancePath:instancePath+"/spec/protect",schemaPath:"#/properties/spec/properties/protect/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema59.properties.spec.properties.protect.type,parentSchema:schema59.properties.spec.properties.protect,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data8.remotes !== undefined){
if(!(validate41(data8.remotes, {instancePath:instancePath+"/spec/remotes",parentData:data8,parentDataProperty:"remotes",rootData}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
}
if(data8.backups !== undefined){
if(!(validate45(data8.backups, {instancePath:instancePath+"/spec/backups",parentData:data8,parentDataProperty:"backups",rootData}))){
vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
errors = vErrors.length;
}
}
if(data8.ignore !== undefined){
if(!(validate49(data8.ignore, {instancePath:instancePath+"/spec/ignore",parentData:data8,parentDataProperty:"ignore",rootData}))){
vErrors = vErrors === null ? validate49.errors : vErrors.concat(validate49.errors);
errors = vErrors.length;
}
}
if(data8.lifecycle !== undefined){
if(!(validate51(data8.lifecycle, {instancePath:instancePath+"/spec/lifecycle",parentData:data8,parentDataProperty:"lifecycle",rootData}))){
vErrors = vErrors === null ? validate51.errors : vErrors.concat(validate51.errors);
errors = vErrors.length;
}
}
}
else {
const err28 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema59.properties.spec.type,parentSchema:schema59.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema59.type,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
validate40.errors = vErrors;
return errors === 0;
}

export const town = validate57;
const schema87 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://gastown.dev/schemas/town.schema.json","title":"TownManifest","description":"At most one per town: the town database hq (remotes, ignore patterns, protection), the lifecycle every database inherits, who supervises the town's Dolt server and its metrics endpoint, cluster replication, and gt's daemon metrics endpoint.","type":"object","additionalProperties":false,"required":["apiVersion","kind","spec"],"properties":{"apiVersion":{"$ref":"rig.schema.json#/definitions/apiVersion"},"kind":{"const":"Town"},"metadata":{"title":"TownMetadata","type":"object","additionalProperties":false,"properties":{"name":{"type":"string","minLength":1,"description":"The town's name (informational)."},"labels":{"$ref":"rig.schema.json#/definitions/stringMap"},"annotations":{"$ref":"rig.schema.json#/definitions/stringMap"}}},"spec":{"title":"TownSpec","type":"object","additionalProperties":false,"properties":{"remotes":{"$ref":"rig.schema.json#/definitions/remotes"},"backups":{"$ref":"rig.schema.json#/definitions/backups"},"ignore":{"$ref":"rig.schema.json#/definitions/ignorePatterns"},"server":{"title":"TownServerSpec","description":"The town's Dolt server. metrics: Dolt's own Prometheus endpoint (GET /metrics: dss_* connection, query and replication metrics), written into .dolt-data/config.yaml; a change restarts the server.","type":"object","additionalProperties":false,"properties":{"supervisor":{"description":"Who starts, restarts and configures the town's Dolt server (and writes .dolt-data/config.yaml). gt (default): gt apply and gt's daemon; gt sets patrols.dolt_server.enabled to false in mayor/daemon.json so that Gas Town's daemon stands down. gastown: Gas Town's daemon; gt sets patrols.dolt_server.enabled to true and never starts, stops, restarts or configures the server. patrols.dolt_server.external: true in daemon.json wins over both: nobody starts or stops the server.","enum":["gt","gastown"]},"metrics":{"$ref":"#/definitions/metricsEndpoint"}}},"protect":{"description":"true: gt refuses every deletion and history rewrite on hq (its lifecycle work is blocked). hq itself is never dropped.","type":"boolean","default":false},"lifecycle":{"title":"TownLifecycle","description":"The data lifecycle of hq and the default of every rig (a Rig's spec.lifecycle overrides it field by field).","type":"object","additionalProperties":false,"properties":{"executor":{"description":"Who executes decay and compaction: gastown (default: gt converges Gas Town's patrols' knobs in daemon.json) or gt (gt apply and gt's daemon execute them and turn those patrols off).","type":"string","enum":["gastown","gt"]},"decay":{"$ref":"rig.schema.json#/definitions/decay"},"compaction":{"$ref":"rig.schema.json#/definitions/compaction"}}},"replication":{"title":"ReplicationSpec","description":"Dolt's direct-to-standby cluster replication (the cluster: section of .dolt-data/config.yaml): the primary replicates every SQL commit of every database to its peers, and a standby is read-only. Each server of the cluster is its own town, whose Town manifest names the others as peers. gt never fails over by itself: gt dolt failover --to PEER does.","type":"object","additionalProperties":false,"required":["role","remotesapi","peers"],"properties":{"role":{"description":"The role this server boots with the first time (bootstrap_role). From then on Dolt keeps the role and its epoch in the server's own global config, and only gt dolt failover changes them.","enum":["primary","standby"]},"remotesapi":{"title":"ClusterRemotesapi","description":"Where this server accepts replication from its peers (cluster.remotesapi).","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"description":"Listen address; 127.0.0.1 unless given.","type":"string","minLength":1},"port":{"$ref":"#/definitions/port"}}},"peers":{"description":"The other servers of the cluster.","type":"array","minItems":1,"items":{"title":"ReplicationPeer","description":"Another server of the cluster. Dolt adds a remote named after it to every database, so no declared remote may take its name.","type":"object","additionalProperties":false,"required":["name","remotesapi"],"properties":{"name":{"$ref":"rig.schema.json#/definitions/remoteName"},"remotesapi":{"description":"The peer's cluster remotesapi as http://HOST:PORT (the peer's own spec.replication.remotesapi).","type":"string","minLength":1},"sql":{"title":"PeerSqlEndpoint","description":"The peer's SQL server: gt dolt failover --to this peer promotes it over SQL, with this town's credentials (users replicate).","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"description":"127.0.0.1 unless given.","type":"string","minLength":1},"port":{"$ref":"#/definitions/port"}}}}}}}},"daemon":{"title":"TownDaemonSpec","description":"gt's own daemon (gt daemon run). metrics: where it serves its Prometheus metrics (GET /metrics: reconcile durations, actions by kind and status, server restarts, lifecycle runs, the last successful reconcile); the daemon binds it when it loads the config.","type":"object","additionalProperties":false,"properties":{"metrics":{"$ref":"#/definitions/metricsEndpoint"}}},"ledger":{"title":"TownLedger","description":"The ledger plane: a scrubbed JSONL export of every listed database's permanent tables (issues, comments, config, dependencies, events, labels, metadata) to <repo>/<db>/<table>.jsonl in a git work tree, one commit per export run, pushed to `remote`. Who exports follows spec.lifecycle.executor: gt (gt apply and gt's daemon export, and Gas Town's jsonl_git_backup patrol is turned off) or gastown (default: gt sets that patrol's git_repo, databases, interval and spike_threshold).","type":"object","additionalProperties":false,"required":["repo"],"properties":{"repo":{"description":"The archive: the top of a git work tree (gt never creates, rewrites or deletes its history). A relative path is relative to the town root; a leading ~/ is the home directory.","type":"string","minLength":1},"remote":{"description":"The git remote pushed after each commit, when the repository has it; default origin.","type":"string","minLength":1,"pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$"},"interval":{"$ref":"rig.schema.json#/definitions/goDuration","description":"The daemon exports a database at most this often; default 15m."},"databases":{"description":"all (default): every database a manifest declares present; or a list of them.","anyOf":[{"const":"all"},{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1}}]},"spike":{"title":"LedgerSpike","description":"Per table: a change of more than threshold (a fraction of the records in the archive's HEAD; growth gets twice as much) and of at least minAbsolute records blocks that database's commit until gt apply --accept-spike <db>.","type":"object","additionalProperties":false,"properties":{"threshold":{"description":"Default 0.5 (Gas Town's).","type":"number","exclusiveMinimum":0,"maximum":1},"minAbsolute":{"description":"Changes of fewer records never block; default 20 (Gas Town's).","type":"integer","minimum":0}}}}}}}},"definitions":{"port":{"description":"A TCP port, 1-65535.","type":"integer","minimum":1,"maximum":65535},"metricsEndpoint":{"title":"MetricsEndpoint","description":"A Prometheus endpoint (GET /metrics). It has no authentication: anyone who reaches it reads it.","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"description":"Listen address; 127.0.0.1 unless given. Anything but a loopback address needs exposeMetrics: true.","type":"string","minLength":1},"port":{"$ref":"#/definitions/port"},"exposeMetrics":{"description":"true: allow a host that is not a loopback address, knowing that anyone who reaches it reads the metrics (there is no authentication).","type":"boolean"}}}}};
const schema96 = {"description":"A TCP port, 1-65535.","type":"integer","minimum":1,"maximum":65535};
const func32 = Object.prototype.hasOwnProperty;

function validate58(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate42(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema66.type,parentSchema:schema66,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
validate58.errors = vErrors;
return errors === 0;
}


function validate61(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate46(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate46.errors : vErrors.concat(validate46.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema71.type,parentSchema:schema71,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
validate61.errors = vErrors;
return errors === 0;
}


function validate64(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err0 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ignorePattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema77,data:data0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(!pattern24.test(data0)){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ignorePattern/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f-\\u009f]+$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f-\\u009f]+$"+"\"",schema:"^[^\\u0000-\\u001f\\u007f-\\u009f]+$",parentSchema:schema77,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ignorePattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema77.type,parentSchema:schema77,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err3 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema76.type,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate64.errors = vErrors;
return errors === 0;
}

const schema95 = {"title":"MetricsEndpoint","description":"A Prometheus endpoint (GET /metrics). It has no authentication: anyone who reaches it reads it.","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"description":"Listen address; 127.0.0.1 unless given. Anything but a loopback address needs exposeMetrics: true.","type":"string","minLength":1},"port":{"$ref":"#/definitions/port"},"exposeMetrics":{"description":"true: allow a host that is not a loopback address, knowing that anyone who reaches it reads the metrics (there is no authentication).","type":"boolean"}}};

function validate66(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.port === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "host") || (key0 === "port")) || (key0 === "exposeMetrics"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.host !== undefined){
let data0 = data.host;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema95.properties.host,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.host.type,parentSchema:schema95.properties.host,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.port !== undefined){
let data1 = data.port;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema96.type,parentSchema:schema96,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema96,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema96,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.exposeMetrics !== undefined){
let data2 = data.exposeMetrics;
if(typeof data2 !== "boolean"){
const err7 = {instancePath:instancePath+"/exposeMetrics",schemaPath:"#/properties/exposeMetrics/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema95.properties.exposeMetrics.type,parentSchema:schema95.properties.exposeMetrics,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.type,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate66.errors = vErrors;
return errors === 0;
}


function validate68(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "enabled") || (key0 === "closeStaleWispsAfter")) || (key0 === "deleteClosedWispsAfter")) || (key0 === "interval"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema79.properties.enabled.type,parentSchema:schema79.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.closeStaleWispsAfter !== undefined){
let data1 = data.closeStaleWispsAfter;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err2 = {instancePath:instancePath+"/closeStaleWispsAfter",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern19.test(data1)){
const err3 = {instancePath:instancePath+"/closeStaleWispsAfter",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/closeStaleWispsAfter",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.deleteClosedWispsAfter !== undefined){
let data2 = data.deleteClosedWispsAfter;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err5 = {instancePath:instancePath+"/deleteClosedWispsAfter",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern19.test(data2)){
const err6 = {instancePath:instancePath+"/deleteClosedWispsAfter",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/deleteClosedWispsAfter",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.interval !== undefined){
let data3 = data.interval;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern19.test(data3)){
const err9 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema79.type,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate68.errors = vErrors;
return errors === 0;
}


function validate70(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((((key0 === "mode") || (key0 === "threshold")) || (key0 === "keepRecent")) || (key0 === "interval")) || (key0 === "window")) || (key0 === "gc")) || (key0 === "restorePoints"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.mode !== undefined){
let data0 = data.mode;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.properties.mode.type,parentSchema:schema83.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!(((data0 === "off") || (data0 === "flatten")) || (data0 === "surgical"))){
const err2 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema83.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema83.properties.mode.enum,parentSchema:schema83.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.threshold !== undefined){
let data1 = data.threshold;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/threshold",schemaPath:"#/properties/threshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema83.properties.threshold.type,parentSchema:schema83.properties.threshold,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/threshold",schemaPath:"#/properties/threshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema83.properties.threshold,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.keepRecent !== undefined){
let data2 = data.keepRecent;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/keepRecent",schemaPath:"#/properties/keepRecent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema83.properties.keepRecent.type,parentSchema:schema83.properties.keepRecent,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/keepRecent",schemaPath:"#/properties/keepRecent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema83.properties.keepRecent,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.interval !== undefined){
let data3 = data.interval;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err7 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern19.test(data3)){
const err8 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.window !== undefined){
let data4 = data.window;
if(typeof data4 === "string"){
if(!pattern29.test(data4)){
const err10 = {instancePath:instancePath+"/window",schemaPath:"#/definitions/clockWindow/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$",parentSchema:schema85,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/window",schemaPath:"#/definitions/clockWindow/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.type,parentSchema:schema85,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.gc !== undefined){
let data5 = data.gc;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/gc",schemaPath:"#/properties/gc/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.properties.gc.type,parentSchema:schema83.properties.gc,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!(((data5 === "full") || (data5 === "plain")) || (data5 === "none"))){
const err13 = {instancePath:instancePath+"/gc",schemaPath:"#/properties/gc/enum",keyword:"enum",params:{allowedValues: schema83.properties.gc.enum},message:"must be equal to one of the allowed values",schema:schema83.properties.gc.enum,parentSchema:schema83.properties.gc,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.restorePoints !== undefined){
let data6 = data.restorePoints;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
if(!(key1 === "keep")){
const err14 = {instancePath:instancePath+"/restorePoints",schemaPath:"#/properties/restorePoints/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema83.properties.restorePoints,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data6.keep !== undefined){
let data7 = data6.keep;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err15 = {instancePath:instancePath+"/restorePoints/keep",schemaPath:"#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!pattern19.test(data7)){
const err16 = {instancePath:instancePath+"/restorePoints/keep",schemaPath:"#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/restorePoints/keep",schemaPath:"#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/restorePoints",schemaPath:"#/properties/restorePoints/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema83.properties.restorePoints.type,parentSchema:schema83.properties.restorePoints,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema83.type,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate70.errors = vErrors;
return errors === 0;
}

const pattern39 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*$", "u");

function validate57(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://gastown.dev/schemas/town.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema87.required,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema87.required,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.spec === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema87.required,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("gastown.dev/v1alpha1" !== data0){
const err4 = {instancePath:instancePath+"/apiVersion",schemaPath:"rig.schema.json#/definitions/apiVersion/const",keyword:"const",params:{allowedValue: "gastown.dev/v1alpha1"},message:"must be equal to constant",schema:"gastown.dev/v1alpha1",parentSchema:schema60,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Town" !== data1){
const err5 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Town"},message:"must be equal to constant",schema:"Town",parentSchema:schema87.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.metadata !== undefined){
let data2 = data.metadata;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!(((key1 === "name") || (key1 === "labels")) || (key1 === "annotations"))){
const err6 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.name !== undefined){
let data3 = data2.name;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err7 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/properties/metadata/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.properties.metadata.properties.name,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/properties/metadata/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.metadata.properties.name.type,parentSchema:schema87.properties.metadata.properties.name,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.labels !== undefined){
let data4 = data2.labels;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
let data5 = data4[key2];
if(typeof data5 !== "string"){
const err9 = {instancePath:instancePath+"/metadata/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"rig.schema.json#/definitions/stringMap/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.additionalProperties.type,parentSchema:schema62.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/metadata/labels",schemaPath:"rig.schema.json#/definitions/stringMap/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.annotations !== undefined){
let data6 = data2.annotations;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key3 in data6){
let data7 = data6[key3];
if(typeof data7 !== "string"){
const err11 = {instancePath:instancePath+"/metadata/annotations/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"rig.schema.json#/definitions/stringMap/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.additionalProperties.type,parentSchema:schema62.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/metadata/annotations",schemaPath:"rig.schema.json#/definitions/stringMap/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.metadata.type,parentSchema:schema87.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.spec !== undefined){
let data8 = data.spec;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key4 in data8){
if(!(func32.call(schema87.properties.spec.properties, key4))){
const err14 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data8.remotes !== undefined){
if(!(validate58(data8.remotes, {instancePath:instancePath+"/spec/remotes",parentData:data8,parentDataProperty:"remotes",rootData}))){
vErrors = vErrors === null ? validate58.errors : vErrors.concat(validate58.errors);
errors = vErrors.length;
}
}
if(data8.backups !== undefined){
if(!(validate61(data8.backups, {instancePath:instancePath+"/spec/backups",parentData:data8,parentDataProperty:"backups",rootData}))){
vErrors = vErrors === null ? validate61.errors : vErrors.concat(validate61.errors);
errors = vErrors.length;
}
}
if(data8.ignore !== undefined){
if(!(validate64(data8.ignore, {instancePath:instancePath+"/spec/ignore",parentData:data8,parentDataProperty:"ignore",rootData}))){
vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
errors = vErrors.length;
}
}
if(data8.server !== undefined){
let data12 = data8.server;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key5 in data12){
if(!((key5 === "supervisor") || (key5 === "metrics"))){
const err15 = {instancePath:instancePath+"/spec/server",schemaPath:"#/properties/spec/properties/server/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.server,data:data12};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data12.supervisor !== undefined){
let data13 = data12.supervisor;
if(!((data13 === "gt") || (data13 === "gastown"))){
const err16 = {instancePath:instancePath+"/spec/server/supervisor",schemaPath:"#/properties/spec/properties/server/properties/supervisor/enum",keyword:"enum",params:{allowedValues: schema87.properties.spec.properties.server.properties.supervisor.enum},message:"must be equal to one of the allowed values",schema:schema87.properties.spec.properties.server.properties.supervisor.enum,parentSchema:schema87.properties.spec.properties.server.properties.supervisor,data:data13};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data12.metrics !== undefined){
if(!(validate66(data12.metrics, {instancePath:instancePath+"/spec/server/metrics",parentData:data12,parentDataProperty:"metrics",rootData}))){
vErrors = vErrors === null ? validate66.errors : vErrors.concat(validate66.errors);
errors = vErrors.length;
}
}
}
else {
const err17 = {instancePath:instancePath+"/spec/server",schemaPath:"#/properties/spec/properties/server/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.server.type,parentSchema:schema87.properties.spec.properties.server,data:data12};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data8.protect !== undefined){
let data15 = data8.protect;
if(typeof data15 !== "boolean"){
const err18 = {instancePath:instancePath+"/spec/protect",schemaPath:"#/properties/spec/properties/protect/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema87.properties.spec.properties.protect.type,parentSchema:schema87.properties.spec.properties.protect,data:data15};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data8.lifecycle !== undefined){
let data16 = data8.lifecycle;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key6 in data16){
if(!(((key6 === "executor") || (key6 === "decay")) || (key6 === "compaction"))){
const err19 = {instancePath:instancePath+"/spec/lifecycle",schemaPath:"#/properties/spec/properties/lifecycle/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.lifecycle,data:data16};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data16.executor !== undefined){
let data17 = data16.executor;
if(typeof data17 !== "string"){
const err20 = {instancePath:instancePath+"/spec/lifecycle/executor",schemaPath:"#/properties/spec/properties/lifecycle/properties/executor/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.spec.properties.lifecycle.properties.executor.type,parentSchema:schema87.properties.spec.properties.lifecycle.properties.executor,data:data17};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!((data17 === "gastown") || (data17 === "gt"))){
const err21 = {instancePath:instancePath+"/spec/lifecycle/executor",schemaPath:"#/properties/spec/properties/lifecycle/properties/executor/enum",keyword:"enum",params:{allowedValues: schema87.properties.spec.properties.lifecycle.properties.executor.enum},message:"must be equal to one of the allowed values",schema:schema87.properties.spec.properties.lifecycle.properties.executor.enum,parentSchema:schema87.properties.spec.properties.lifecycle.properties.executor,data:data17};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data16.decay !== undefined){
if(!(validate68(data16.decay, {instancePath:instancePath+"/spec/lifecycle/decay",parentData:data16,parentDataProperty:"decay",rootData}))){
vErrors = vErrors === null ? validate68.errors : vErrors.concat(validate68.errors);
errors = vErrors.length;
}
}
if(data16.compaction !== undefined){
if(!(validate70(data16.compaction, {instancePath:instancePath+"/spec/lifecycle/compaction",parentData:data16,parentDataProperty:"compaction",rootData}))){
vErrors = vErrors === null ? validate70.errors : vErrors.concat(validate70.errors);
errors = vErrors.length;
}
}
}
else {
const err22 = {instancePath:instancePath+"/spec/lifecycle",schemaPath:"#/properties/spec/properties/lifecycle/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.lifecycle.type,parentSchema:schema87.properties.spec.properties.lifecycle,data:data16};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data8.replication !== undefined){
let data20 = data8.replication;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.role === undefined){
const err23 = {instancePath:instancePath+"/spec/replication",schemaPath:"#/properties/spec/properties/replication/required",keyword:"required",params:{missingProperty: "role"},message:"must have required property '"+"role"+"'",schema:schema87.properties.spec.properties.replication.required,parentSchema:schema87.properties.spec.properties.replication,data:data20};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data20.remotesapi === undefined){
const err24 = {instancePath:instancePath+"/spec/replication",schemaPath:"#/properties/spec/properties/replication/required",keyword:"required",params:{missingProperty: "remotesapi"},message:"must have required property '"+"remotesapi"+"'",schema:schema87.properties.spec.properties.replication.required,parentSchema:schema87.properties.spec.properties.replication,data:data20};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data20.peers === undefined){
const err25 = {instancePath:instancePath+"/spec/replication",schemaPath:"#/properties/spec/properties/replication/required",keyword:"required",params:{missingProperty: "peers"},message:"must have required property '"+"peers"+"'",schema:schema87.properties.spec.properties.replication.required,parentSchema:schema87.properties.spec.properties.replication,data:data20};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key7 in data20){
if(!(((key7 === "role") || (key7 === "remotesapi")) || (key7 === "peers"))){
const err26 = {instancePath:instancePath+"/spec/replication",schemaPath:"#/properties/spec/properties/replication/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.replication,data:data20};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data20.role !== undefined){
let data21 = data20.role;
if(!((data21 === "primary") || (data21 === "standby"))){
const err27 = {instancePath:instancePath+"/spec/replication/role",schemaPath:"#/properties/spec/properties/replication/properties/role/enum",keyword:"enum",params:{allowedValues: schema87.properties.spec.properties.replication.properties.role.enum},message:"must be equal to one of the allowed values",schema:schema87.properties.spec.properties.replication.properties.role.enum,parentSchema:schema87.properties.spec.properties.replication.properties.role,data:data21};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data20.remotesapi !== undefined){
let data22 = data20.remotesapi;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.port === undefined){
const err28 = {instancePath:instancePath+"/spec/replication/remotesapi",schemaPath:"#/properties/spec/properties/replication/properties/remotesapi/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema87.properties.spec.properties.replication.properties.remotesapi.required,parentSchema:schema87.properties.spec.properties.replication.properties.remotesapi,data:data22};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
for(const key8 in data22){
if(!((key8 === "host") || (key8 === "port"))){
const err29 = {instancePath:instancePath+"/spec/replication/remotesapi",schemaPath:"#/properties/spec/properties/replication/properties/remotesapi/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.replication.properties.remotesapi,data:data22};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data22.host !== undefined){
let data23 = data22.host;
if(typeof data23 === "string"){
if(func2(data23) < 1){
const err30 = {instancePath:instancePath+"/spec/replication/remotesapi/host",schemaPath:"#/properties/spec/properties/replication/properties/remotesapi/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.properties.spec.properties.replication.properties.remotesapi.properties.host,data:data23};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/spec/replication/remotesapi/host",schemaPath:"#/properties/spec/properties/replication/properties/remotesapi/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.spec.properties.replication.properties.remotesapi.properties.host.type,parentSchema:schema87.properties.spec.properties.replication.properties.remotesapi.properties.host,data:data23};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data22.port !== undefined){
let data24 = data22.port;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err32 = {instancePath:instancePath+"/spec/replication/remotesapi/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema96.type,parentSchema:schema96,data:data24};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 > 65535 || isNaN(data24)){
const err33 = {instancePath:instancePath+"/spec/replication/remotesapi/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema96,data:data24};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data24 < 1 || isNaN(data24)){
const err34 = {instancePath:instancePath+"/spec/replication/remotesapi/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema96,data:data24};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
}
else {
const err35 = {instancePath:instancePath+"/spec/replication/remotesapi",schemaPath:"#/properties/spec/properties/replication/properties/remotesapi/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.replication.properties.remotesapi.type,parentSchema:schema87.properties.spec.properties.replication.properties.remotesapi,data:data22};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data20.peers !== undefined){
let data25 = data20.peers;
if(Array.isArray(data25)){
if(data25.length < 1){
const err36 = {instancePath:instancePath+"/spec/replication/peers",schemaPath:"#/properties/spec/properties/replication/properties/peers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema87.properties.spec.properties.replication.properties.peers,data:data25};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
const len0 = data25.length;
for(let i0=0; i0<len0; i0++){
let data26 = data25[i0];
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
if(data26.name === undefined){
const err37 = {instancePath:instancePath+"/spec/replication/peers/" + i0,schemaPath:"#/properties/spec/properties/replication/properties/peers/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema87.properties.spec.properties.replication.properties.peers.items.required,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items,data:data26};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data26.remotesapi === undefined){
const err38 = {instancePath:instancePath+"/spec/replication/peers/" + i0,schemaPath:"#/properties/spec/properties/replication/properties/peers/items/required",keyword:"required",params:{missingProperty: "remotesapi"},message:"must have required property '"+"remotesapi"+"'",schema:schema87.properties.spec.properties.replication.properties.peers.items.required,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items,data:data26};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
for(const key9 in data26){
if(!(((key9 === "name") || (key9 === "remotesapi")) || (key9 === "sql"))){
const err39 = {instancePath:instancePath+"/spec/replication/peers/" + i0,schemaPath:"#/properties/spec/properties/replication/properties/peers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items,data:data26};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data26.name !== undefined){
let data27 = data26.name;
if(typeof data27 === "string"){
if(func2(data27) > 64){
const err40 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/name",schemaPath:"rig.schema.json#/definitions/remoteName/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema68,data:data27};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(func2(data27) < 1){
const err41 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/name",schemaPath:"rig.schema.json#/definitions/remoteName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema68,data:data27};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(!pattern18.test(data27)){
const err42 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/name",schemaPath:"rig.schema.json#/definitions/remoteName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema68,data:data27};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/name",schemaPath:"rig.schema.json#/definitions/remoteName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.type,parentSchema:schema68,data:data27};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data26.remotesapi !== undefined){
let data28 = data26.remotesapi;
if(typeof data28 === "string"){
if(func2(data28) < 1){
const err44 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/remotesapi",schemaPath:"#/properties/spec/properties/replication/properties/peers/items/properties/remotesapi/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items.properties.remotesapi,data:data28};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/remotesapi",schemaPath:"#/properties/spec/properties/replication/properties/peers/items/properties/remotesapi/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.spec.properties.replication.properties.peers.items.properties.remotesapi.type,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items.properties.remotesapi,data:data28};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data26.sql !== undefined){
let data29 = data26.sql;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.port === undefined){
const err46 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql",schemaPath:"#/properties/spec/properties/replication/properties/peers/items/properties/sql/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql.required,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql,data:data29};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
for(const key10 in data29){
if(!((key10 === "host") || (key10 === "port"))){
const err47 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql",schemaPath:"#/properties/spec/properties/replication/properties/peers/items/properties/sql/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql,data:data29};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data29.host !== undefined){
let data30 = data29.host;
if(typeof data30 === "string"){
if(func2(data30) < 1){
const err48 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql/host",schemaPath:"#/properties/spec/properties/replication/properties/peers/items/properties/sql/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql.properties.host,data:data30};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql/host",schemaPath:"#/properties/spec/properties/replication/properties/peers/items/properties/sql/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql.properties.host.type,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql.properties.host,data:data30};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data29.port !== undefined){
let data31 = data29.port;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err50 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema96.type,parentSchema:schema96,data:data31};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 > 65535 || isNaN(data31)){
const err51 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema96,data:data31};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data31 < 1 || isNaN(data31)){
const err52 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema96,data:data31};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
}
else {
const err53 = {instancePath:instancePath+"/spec/replication/peers/" + i0+"/sql",schemaPath:"#/properties/spec/properties/replication/properties/peers/items/properties/sql/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql.type,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items.properties.sql,data:data29};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/spec/replication/peers/" + i0,schemaPath:"#/properties/spec/properties/replication/properties/peers/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.replication.properties.peers.items.type,parentSchema:schema87.properties.spec.properties.replication.properties.peers.items,data:data26};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/spec/replication/peers",schemaPath:"#/properties/spec/properties/replication/properties/peers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema87.properties.spec.properties.replication.properties.peers.type,parentSchema:schema87.properties.spec.properties.replication.properties.peers,data:data25};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
else {
const err56 = {instancePath:instancePath+"/spec/replication",schemaPath:"#/properties/spec/properties/replication/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.replication.type,parentSchema:schema87.properties.spec.properties.replication,data:data20};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data8.daemon !== undefined){
let data32 = data8.daemon;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key11 in data32){
if(!(key11 === "metrics")){
const err57 = {instancePath:instancePath+"/spec/daemon",schemaPath:"#/properties/spec/properties/daemon/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.daemon,data:data32};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data32.metrics !== undefined){
if(!(validate66(data32.metrics, {instancePath:instancePath+"/spec/daemon/metrics",parentData:data32,parentDataProperty:"metrics",rootData}))){
vErrors = vErrors === null ? validate66.errors : vErrors.concat(validate66.errors);
errors = vErrors.length;
}
}
}
else {
const err58 = {instancePath:instancePath+"/spec/daemon",schemaPath:"#/properties/spec/properties/daemon/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.daemon.type,parentSchema:schema87.properties.spec.properties.daemon,data:data32};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data8.ledger !== undefined){
let data34 = data8.ledger;
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
if(data34.repo === undefined){
const err59 = {instancePath:instancePath+"/spec/ledger",schemaPath:"#/properties/spec/properties/ledger/required",keyword:"required",params:{missingProperty: "repo"},message:"must have required property '"+"repo"+"'",schema:schema87.properties.spec.properties.ledger.required,parentSchema:schema87.properties.spec.properties.ledger,data:data34};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
for(const key12 in data34){
if(!(((((key12 === "repo") || (key12 === "remote")) || (key12 === "interval")) || (key12 === "databases")) || (key12 === "spike"))){
const err60 = {instancePath:instancePath+"/spec/ledger",schemaPath:"#/properties/spec/properties/ledger/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.ledger,data:data34};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data34.repo !== undefined){
let data35 = data34.repo;
if(typeof data35 === "string"){
if(func2(data35) < 1){
const err61 = {instancePath:instancePath+"/spec/ledger/repo",schemaPath:"#/properties/spec/properties/ledger/properties/repo/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.properties.spec.properties.ledger.properties.repo,data:data35};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/spec/ledger/repo",schemaPath:"#/properties/spec/properties/ledger/properties/repo/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.spec.properties.ledger.properties.repo.type,parentSchema:schema87.properties.spec.properties.ledger.properties.repo,data:data35};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data34.remote !== undefined){
let data36 = data34.remote;
if(typeof data36 === "string"){
if(func2(data36) < 1){
const err63 = {instancePath:instancePath+"/spec/ledger/remote",schemaPath:"#/properties/spec/properties/ledger/properties/remote/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.properties.spec.properties.ledger.properties.remote,data:data36};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(!pattern39.test(data36)){
const err64 = {instancePath:instancePath+"/spec/ledger/remote",schemaPath:"#/properties/spec/properties/ledger/properties/remote/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9._-]*$",parentSchema:schema87.properties.spec.properties.ledger.properties.remote,data:data36};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/spec/ledger/remote",schemaPath:"#/properties/spec/properties/ledger/properties/remote/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.spec.properties.ledger.properties.remote.type,parentSchema:schema87.properties.spec.properties.ledger.properties.remote,data:data36};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data34.interval !== undefined){
let data37 = data34.interval;
if(typeof data37 === "string"){
if(func2(data37) < 1){
const err66 = {instancePath:instancePath+"/spec/ledger/interval",schemaPath:"rig.schema.json#/definitions/goDuration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69,data:data37};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(!pattern19.test(data37)){
const err67 = {instancePath:instancePath+"/spec/ledger/interval",schemaPath:"rig.schema.json#/definitions/goDuration/pattern",keyword:"pattern",params:{pattern: "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"},message:"must match pattern \""+"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$"+"\"",schema:"^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",parentSchema:schema69,data:data37};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
else {
const err68 = {instancePath:instancePath+"/spec/ledger/interval",schemaPath:"rig.schema.json#/definitions/goDuration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.type,parentSchema:schema69,data:data37};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data34.databases !== undefined){
let data38 = data34.databases;
const _errs87 = errors;
let valid22 = false;
const _errs88 = errors;
if("all" !== data38){
const err69 = {instancePath:instancePath+"/spec/ledger/databases",schemaPath:"#/properties/spec/properties/ledger/properties/databases/anyOf/0/const",keyword:"const",params:{allowedValue: "all"},message:"must be equal to constant",schema:"all",parentSchema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[0],data:data38};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
var _valid0 = _errs88 === errors;
valid22 = valid22 || _valid0;
if(!valid22){
const _errs89 = errors;
if(Array.isArray(data38)){
if(data38.length < 1){
const err70 = {instancePath:instancePath+"/spec/ledger/databases",schemaPath:"#/properties/spec/properties/ledger/properties/databases/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[1],data:data38};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
const len1 = data38.length;
for(let i1=0; i1<len1; i1++){
let data39 = data38[i1];
if(typeof data39 === "string"){
if(func2(data39) < 1){
const err71 = {instancePath:instancePath+"/spec/ledger/databases/" + i1,schemaPath:"#/properties/spec/properties/ledger/properties/databases/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[1].items,data:data39};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/spec/ledger/databases/" + i1,schemaPath:"#/properties/spec/properties/ledger/properties/databases/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[1].items.type,parentSchema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[1].items,data:data39};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
let i2 = data38.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data38[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err73 = {instancePath:instancePath+"/spec/ledger/databases",schemaPath:"#/properties/spec/properties/ledger/properties/databases/anyOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[1],data:data38};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err74 = {instancePath:instancePath+"/spec/ledger/databases",schemaPath:"#/properties/spec/properties/ledger/properties/databases/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[1].type,parentSchema:schema87.properties.spec.properties.ledger.properties.databases.anyOf[1],data:data38};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
var _valid0 = _errs89 === errors;
valid22 = valid22 || _valid0;
}
if(!valid22){
const err75 = {instancePath:instancePath+"/spec/ledger/databases",schemaPath:"#/properties/spec/properties/ledger/properties/databases/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema87.properties.spec.properties.ledger.properties.databases.anyOf,parentSchema:schema87.properties.spec.properties.ledger.properties.databases,data:data38};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
else {
errors = _errs87;
if(vErrors !== null){
if(_errs87){
vErrors.length = _errs87;
}
else {
vErrors = null;
}
}
}
}
if(data34.spike !== undefined){
let data40 = data34.spike;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key13 in data40){
if(!((key13 === "threshold") || (key13 === "minAbsolute"))){
const err76 = {instancePath:instancePath+"/spec/ledger/spike",schemaPath:"#/properties/spec/properties/ledger/properties/spike/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema87.properties.spec.properties.ledger.properties.spike,data:data40};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data40.threshold !== undefined){
let data41 = data40.threshold;
if((typeof data41 == "number") && (isFinite(data41))){
if(data41 > 1 || isNaN(data41)){
const err77 = {instancePath:instancePath+"/spec/ledger/spike/threshold",schemaPath:"#/properties/spec/properties/ledger/properties/spike/properties/threshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema87.properties.spec.properties.ledger.properties.spike.properties.threshold,data:data41};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(data41 <= 0 || isNaN(data41)){
const err78 = {instancePath:instancePath+"/spec/ledger/spike/threshold",schemaPath:"#/properties/spec/properties/ledger/properties/spike/properties/threshold/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema87.properties.spec.properties.ledger.properties.spike.properties.threshold,data:data41};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
else {
const err79 = {instancePath:instancePath+"/spec/ledger/spike/threshold",schemaPath:"#/properties/spec/properties/ledger/properties/spike/properties/threshold/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema87.properties.spec.properties.ledger.properties.spike.properties.threshold.type,parentSchema:schema87.properties.spec.properties.ledger.properties.spike.properties.threshold,data:data41};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data40.minAbsolute !== undefined){
let data42 = data40.minAbsolute;
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err80 = {instancePath:instancePath+"/spec/ledger/spike/minAbsolute",schemaPath:"#/properties/spec/properties/ledger/properties/spike/properties/minAbsolute/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema87.properties.spec.properties.ledger.properties.spike.properties.minAbsolute.type,parentSchema:schema87.properties.spec.properties.ledger.properties.spike.properties.minAbsolute,data:data42};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 < 0 || isNaN(data42)){
const err81 = {instancePath:instancePath+"/spec/ledger/spike/minAbsolute",schemaPath:"#/properties/spec/properties/ledger/properties/spike/properties/minAbsolute/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema87.properties.spec.properties.ledger.properties.spike.properties.minAbsolute,data:data42};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
}
}
else {
const err82 = {instancePath:instancePath+"/spec/ledger/spike",schemaPath:"#/properties/spec/properties/ledger/properties/spike/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.ledger.properties.spike.type,parentSchema:schema87.properties.spec.properties.ledger.properties.spike,data:data40};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
else {
const err83 = {instancePath:instancePath+"/spec/ledger",schemaPath:"#/properties/spec/properties/ledger/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.properties.ledger.type,parentSchema:schema87.properties.spec.properties.ledger,data:data34};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
else {
const err84 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.properties.spec.type,parentSchema:schema87.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
else {
const err85 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.type,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
validate57.errors = vErrors;
return errors === 0;
}
