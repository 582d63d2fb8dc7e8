import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from './auth.decorators';
import type { Principal } from './roles';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string) {
    return this.auth.login(body.username, body.password, ip);
  }

  /** Who the token belongs to: role, agency and jurisdiction. */
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() principal: Principal): Principal {
    return principal;
  }
}
