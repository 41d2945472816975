/**
 * tls-sig-api-v2 1.0.x ships no types. It is CommonJS (`exports.Api = Api`), which Node's ESM
 * loader exposes as a named export, so `import { Api } from "tls-sig-api-v2"` works.
 */
declare module "tls-sig-api-v2" {
  export class Api {
    constructor(sdkappid: number, key: string);
    /** A UserSig for `userid`, valid for `expire` seconds from the current system time. */
    genUserSig(userid: string, expire: number): string;
    genPrivateMapKey(userid: string, expire: number, roomid: number, privilegeMap: number): string;
    genPrivateMapKeyWithStringRoomID(
      userid: string,
      expire: number,
      roomstr: string,
      privilegeMap: number,
    ): string;
    genSig(userid: string, expire: number, userBuf: Buffer | null): string;
  }
}
