import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ClientInfo, CurrentSession, CurrentUser, OpenDuringMfaEnrolment, OpenDuringPasswordChange, Public } from './auth.decorators';
import type { Principal } from './roles';
import { AuthService, ClientMeta } from './auth.service';
import { CurrentPrincipal, LoginResponse, LogoutResponse, MfaChallengeResponse, PasswordChangedResponse, SessionTokensResponse } from './dto/auth.response';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/login.dto';
import { NoPersonalData } from './read-audit';

type Session = { sessionId: string; passwordChangeRequired: boolean; mfaEnrolmentRequired: boolean };

@ApiTags('auth')
@ApiExtraModels(LoginResponse, MfaChallengeResponse)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Signs in: a short-lived access token and a refresh token — or, for a user with two-step
   * verification, `{mfaRequired, mfaToken}` for POST /auth/mfa/verify. Throttled per user and
   * address (429); 503 while Redis is down.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(LoginResponse) }, { $ref: getSchemaPath(MfaChallengeResponse) }] } })
  login(@Body() body: LoginDto, @ClientInfo() client: ClientMeta) {
    return this.auth.login(body.username, body.password, client);
  }

  /** New tokens for a refresh token, which is used up; presenting a used one again ends its whole session. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionTokensResponse })
  refresh(@Body() body: RefreshDto, @ClientInfo() client: ClientMeta) {
    return this.auth.refresh(body.refreshToken, client);
  }

  /** Ends this session: its access and refresh tokens stop working at once. */
  @ApiBearerAuth()
  @OpenDuringPasswordChange()
  @OpenDuringMfaEnrolment()
  @Post('logout')
  @HttpCode(200)
  @ApiOkResponse({ type: LogoutResponse })
  logout(@CurrentUser() p: Principal, @CurrentSession() s: Session, @ClientInfo() client: ClientMeta) {
    return this.auth.logout(p, s.sessionId, client);
  }

  /** Changes the caller's own password (current one required); ends every other session of theirs. */
  @ApiBearerAuth()
  @OpenDuringPasswordChange()
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordChangedResponse })
  changePassword(@CurrentUser() p: Principal, @CurrentSession() s: Session, @Body() body: ChangePasswordDto, @ClientInfo() client: ClientMeta) {
    return this.auth.changePassword(p, s.sessionId, body.currentPassword, body.newPassword, client);
  }

  /** Who the token belongs to now: role, agency and jurisdiction as the database says. */
  @ApiBearerAuth()
  @OpenDuringPasswordChange()
  @OpenDuringMfaEnrolment()
  @Get('me')
  @NoPersonalData('the caller’s own account')
  @ApiOkResponse({ type: CurrentPrincipal })
  async me(@CurrentUser() principal: Principal, @CurrentSession() s: Session): Promise<CurrentPrincipal> {
    return { ...principal, passwordChangeRequired: s.passwordChangeRequired, mfaEnrolmentRequired: s.mfaEnrolmentRequired,
      mfaEnabled: await this.auth.mfaEnabled(principal.userId) };
  }
}
