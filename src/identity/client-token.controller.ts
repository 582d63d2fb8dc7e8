import { Body, Controller, Header, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Unauthenticated } from '../common/errors';
import { ClientInfo, Public } from './auth.decorators';
import type { ClientMeta } from './auth.service';
import { ClientTokenDto, ClientTokenResponseDto } from './dto/client-token.dto';
import { SystemClientsService } from './system-clients.service';

const NO_CREDENTIALS = 'Thiếu thông tin hệ thống kết nối / Client credentials required (HTTP Basic or client_id + client_secret)';

/** The id and secret from HTTP Basic (form-encoded, RFC 6749 §2.3.1) or, failing that, the body. */
function credentials(authorization: string | undefined, body: ClientTokenDto): { id: string; secret: string } {
  const basic = authorization && /^Basic\s+(\S+)$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new Unauthenticated(NO_CREDENTIALS);
    try {
      return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    } catch {
      throw new Unauthenticated(NO_CREDENTIALS);
    }
  }
  if (!body.client_id || !body.client_secret) throw new Unauthenticated(NO_CREDENTIALS);
  return { id: body.client_id, secret: body.client_secret };
}

@ApiTags('auth')
@Controller('auth')
export class ClientTokenController {
  constructor(private readonly clients: SystemClientsService) {}

  /**
   * OAuth 2.0 client credentials: a system client's short-lived access token, usable only on
   * routes that declare one of its scopes (today `POST /intake` with `intake:write`). Failed
   * attempts are throttled like sign-ins (429); wrong credentials are 401.
   */
  @Public()
  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ClientTokenResponseDto })
  token(@Body() body: ClientTokenDto, @Headers('authorization') authorization: string | undefined, @ClientInfo() client: ClientMeta) {
    const { id, secret } = credentials(authorization, body);
    return this.clients.issueToken(id, secret, body.scope, client.ip);
  }
}
