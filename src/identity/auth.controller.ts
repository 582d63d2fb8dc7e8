import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentUser, Public } from './auth.decorators';
import type { Principal } from './roles';
import { AuthService } from './auth.service';
import { CurrentPrincipal, LoginResponse } from './dto/auth.response';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  login(@Body() body: LoginDto, @Ip() ip: string) {
    return this.auth.login(body.username, body.password, ip);
  }

  /** Who the token belongs to: role, agency and jurisdiction. */
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: CurrentPrincipal })
  me(@CurrentUser() principal: Principal): Principal {
    return principal;
  }
}
