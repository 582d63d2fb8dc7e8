import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientInfo, Public } from './auth.decorators';
import type { ClientMeta } from './auth.service';
import { LoginResponse, SignInMethodsResponse } from './dto/auth.response';
import { OidcExchangeDto } from './dto/mfa.dto';
import { OidcService } from './oidc.service';

@ApiTags('auth')
@Controller('auth')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  /** How one may sign in here: the console shows the identity provider's button when `oidc` is true. */
  @Public()
  @Get('methods')
  @ApiOkResponse({ type: SignInMethodsResponse })
  methods(): SignInMethodsResponse {
    return { password: true, oidc: this.oidc.enabled };
  }

  /** Sends the browser to the province's identity provider (404 when none is configured). */
  @Public()
  @Get('oidc/start')
  @ApiResponse({ status: 302, description: 'To the identity provider' })
  async start(@Res() res: Response): Promise<void> {
    res.redirect(302, await this.oidc.start());
  }

  /** The identity provider sends the browser back here; on success it goes on to the console with a one-time code. */
  @Public()
  @Get('oidc/callback')
  @ApiResponse({ status: 302, description: 'To the console, with `oidcCode` to exchange at POST /auth/oidc/exchange' })
  async callback(@Query() query: Record<string, string>, @ClientInfo() client: ClientMeta, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.oidc.callback(query, client));
  }

  /** The console's one-time code (from the callback) for a session, as a sign-in answers. */
  @Public()
  @Post('oidc/exchange')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  exchange(@Body() body: OidcExchangeDto, @ClientInfo() client: ClientMeta) {
    return this.oidc.exchange(body.code, client);
  }
}
