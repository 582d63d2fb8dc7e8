import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { ClientInfo, CurrentUser, OpenDuringMfaEnrolment, Public } from './auth.decorators';
import { AuthService, ClientMeta } from './auth.service';
import { LoginResponse, TotpConfirmedResponse, TotpDisabledResponse, TotpSetupResponse } from './dto/auth.response';
import { MfaAnswerDto, MfaCodeDto, MfaVerifyDto } from './dto/mfa.dto';
import { MfaService } from './mfa.service';
import type { Principal } from './roles';

const ONE_ANSWER = 'Nhập mã xác thực hoặc một mã khôi phục / Give a verification code or a recovery code';

function oneAnswer(body: MfaAnswerDto): { code?: string; recoveryCode?: string } {
  if (!body.code === !body.recoveryCode) throw new InvalidInput({ code: [ONE_ANSWER] }, ONE_ANSWER);
  return body.code ? { code: body.code } : { recoveryCode: body.recoveryCode };
}

@ApiTags('auth')
@Controller('auth/mfa')
export class MfaController {
  constructor(private readonly auth: AuthService, private readonly mfa: MfaService) {}

  /** Completes a sign-in that answered `mfaRequired`: a current code or a recovery code (each used once). Throttled like passwords. */
  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  verify(@Body() body: MfaVerifyDto, @ClientInfo() client: ClientMeta) {
    return this.auth.verifyMfa(body.mfaToken, oneAnswer(body), client);
  }

  /** A new TOTP seed for the caller, shown this once (QR code URI and the seed); active after /confirm. */
  @ApiBearerAuth()
  @OpenDuringMfaEnrolment()
  @Post('totp/setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpSetupResponse })
  setup(@CurrentUser() p: Principal, @ClientInfo() client: ClientMeta) {
    return this.mfa.setup(p, client);
  }

  /** Turns two-step verification on with a code from the new seed; answers ten one-time recovery codes. */
  @ApiBearerAuth()
  @OpenDuringMfaEnrolment()
  @Post('totp/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpConfirmedResponse })
  confirm(@CurrentUser() p: Principal, @Body() body: MfaCodeDto, @ClientInfo() client: ClientMeta) {
    return this.mfa.confirm(p, body.code, client);
  }

  /** Turns two-step verification off, with a current code or a recovery code. */
  @ApiBearerAuth()
  @Delete('totp')
  @ApiOkResponse({ type: TotpDisabledResponse })
  disable(@CurrentUser() p: Principal, @Body() body: MfaAnswerDto, @ClientInfo() client: ClientMeta) {
    return this.mfa.disable(p, oneAnswer(body), client);
  }
}
