/**
 * The API key the TRTC cloud API simulator accepts in the demo: demo-only values for a server that
 * exists only on this machine, fine to print, never valid at Tencent Cloud.
 */
export const DEMO_TRTC_SECRET_ID = "AKIDcallscopeDEMOonly000000000000";
export const DEMO_TRTC_SECRET_KEY = "callscope-demo-trtc-cloud-secret-key-local-only";
